import { describe, expect, it, vi } from "vitest";
import { NotificationFeed, type NotificationMessage } from "./notifications";

class FakeSocket {
  sent: string[] = [];
  readyState = 1;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  constructor(readonly url: string) {}
  send(text: string) {
    this.sent.push(text);
  }
  close() {}
}

describe("NotificationFeed", () => {
  it("authenticates with the first message, hands on what arrives, and reconnects with a fresh token after a policy close", async () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    const tokens: boolean[] = [];
    const received: NotificationMessage[] = [];
    const feed = new NotificationFeed(
      (fresh) => {
        tokens.push(fresh);
        return Promise.resolve(fresh ? "fresh-token" : "token");
      },
      (m) => received.push(m),
      (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      "ws://example",
    );
    feed.start();
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    expect(sockets[0].url).toBe("ws://example/ws/notifications");
    sockets[0].onopen?.(new Event("open"));
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ type: "auth", token: "token" });

    sockets[0].onmessage?.({ data: JSON.stringify({ type: "ready", unread_count: 2 }) } as MessageEvent);
    const pushed = { type: "notification:new", unread_count: 3, notification: { id: "n1", category: "sharing", title: "Ada shared “Q3” with you" } };
    sockets[0].onmessage?.({ data: JSON.stringify(pushed) } as MessageEvent);
    expect(received.map((m) => m.type)).toEqual(["ready", "notification:new"]);

    sockets[0].onclose?.({ code: 1008 } as CloseEvent);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sockets).toHaveLength(2);
    expect(tokens).toEqual([false, true]);
    feed.stop();
    vi.useRealTimers();
  });
});
