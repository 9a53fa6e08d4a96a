import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveSheet, tokenLifetime } from "./socket";

/** A token whose payload says it lives `seconds` (signature not checked here). */
function token(name: string, seconds: number): string {
  const payload = btoa(JSON.stringify({ sub: name, iat: 1_000, exp: 1_000 + seconds })).replace(/=+$/, "");
  return `e30.${payload}.sig`;
}

class FakeSocket {
  readyState = 0;
  sent: { type: string; token?: string }[] = [];
  onopen: (() => unknown) | null = null;
  onmessage: ((message: { data: string }) => unknown) | null = null;
  onclose: (() => unknown) | null = null;
  send(text: string) {
    this.sent.push(JSON.parse(text) as { type: string; token?: string });
  }
  close() {
    this.readyState = 3;
  }
}

describe("LiveSheet", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends a fresh token over the socket before the one in use expires", async () => {
    const issued: boolean[] = [];
    const socket = new FakeSocket();
    const live = new LiveSheet(
      "s1",
      (fresh) => {
        issued.push(fresh);
        return Promise.resolve(token(`t${issued.length}`, 100));
      },
      { ready: () => undefined, event: () => undefined, presence: () => undefined, status: () => undefined },
      () => socket,
      "ws://test",
    );
    live.start();
    await vi.advanceTimersByTimeAsync(0);
    socket.readyState = 1;
    socket.onopen?.();
    socket.onmessage?.({ data: JSON.stringify({ type: "snapshot", revision: 3, presence: [], you: { connection_id: "c", user_id: "u" } }) });
    expect(socket.sent.map((m) => m.type)).toEqual(["auth"]);

    // Four fifths of the 100 s lifetime later, a fresh token goes over the same socket, and again after that one's.
    await vi.advanceTimersByTimeAsync(79_000);
    expect(socket.sent.filter((m) => m.type === "auth")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(issued).toEqual([false, true]);
    expect(socket.sent.filter((m) => m.type === "auth").map((m) => m.token)).toEqual([token("t1", 100), token("t2", 100)]);
    await vi.advanceTimersByTimeAsync(80_000);
    expect(issued).toEqual([false, true, true]);
    live.stop();
  });

  it("reads a token's lifetime from its own times", () => {
    expect(tokenLifetime(token("a", 900))).toBe(900_000);
    expect(tokenLifetime("not a token")).toBeNull();
  });
});
