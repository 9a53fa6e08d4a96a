import { describe, expect, it } from "vitest";
import type { SheetEvent } from "./live";
import type { Row } from "./types";
import { RowWindows, type Window } from "./windows";

function row(n: number, version = 1, company = `C${n}`): Row {
  return { id: `r${n}`, position: n * 10, version, data: { company }, created_by: "u", updated_by: "u", created_at: "t", updated_at: "t" };
}

/** A server holding `count` rows whose reads the test answers when it chooses. */
function server(count: number) {
  const rows = Array.from({ length: count }, (_, i) => row(i));
  const pending: { offset: number; limit: number; withTotal: boolean; answer: () => void }[] = [];
  const read = (offset: number, limit: number, withTotal: boolean) =>
    new Promise<Window>((resolve) => {
      pending.push({
        offset,
        limit,
        withTotal,
        // The rows as they are when the answer is given.
        answer: () => resolve({ rows: rows.slice(offset, offset + limit), total: withTotal ? rows.length : null }),
      });
    });
  /** Answers every read asked so far, and those they lead to, until none is left. */
  const settle = async () => {
    while (pending.length > 0) {
      pending.shift()!.answer();
      await Promise.resolve();
      await Promise.resolve();
    }
  };
  return { rows, pending, read, settle };
}

const base = { user_id: "bob", op_id: null };

function windowsOf(s: ReturnType<typeof server>, options: { sheetOrder?: boolean; capacity?: number } = {}) {
  let changes = 0;
  const windows = new RowWindows(s.read, () => changes++, 5, { sheetOrder: options.sheetOrder ?? true, pageSize: 10, capacity: options.capacity ?? 100 });
  return { windows, changes: () => changes };
}

describe("RowWindows", () => {
  it("reads the first page with the view's size, then the pages on screen and one on each side", async () => {
    const s = server(1_000);
    const { windows } = windowsOf(s);
    windows.show(0, 5);
    // The count is a read of its own, beside the first page (counting a big filtered view is slow).
    expect(s.pending.map((p) => [p.offset, p.limit, p.withTotal])).toEqual([
      [0, 1, true],
      [0, 10, false],
    ]);
    // The first page shows before the count comes, with room for one more page after a full one.
    s.pending.splice(1, 1)[0].answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(windows.total).toBeNull();
    expect(windows.rowCount).toBe(20);
    expect(windows.rowAt(9)?.id).toBe("r9");
    await s.settle();
    expect(windows.total).toBe(1_000);
    expect(windows.rowAt(0)?.id).toBe("r0");
    expect(windows.rowAt(15)?.id).toBe("r15");
    expect(windows.rowAt(25)).toBeUndefined();

    // A jump far down reads only around where the screen is: not the pages scrolled past.
    windows.show(500, 512);
    const asked = s.pending.map((p) => p.offset);
    expect(asked).toEqual([500, 510]);
    await s.settle();
    expect(windows.rowAt(490)?.id).toBe("r490");
    expect(windows.rowAt(489)).toBeUndefined();
    expect(windows.rowAt(525)?.id).toBe("r525");
    expect(windows.indexOf("r507")).toBe(507);
    expect(windows.find("r507")?.data).toEqual({ company: "C507" });
  });

  it("keeps at most its capacity of pages, dropping those seen longest ago", async () => {
    const s = server(10_000);
    const { windows } = windowsOf(s, { capacity: 4 });
    windows.show(0, 5);
    await s.settle();
    windows.show(5_000, 5_005);
    await s.settle();
    windows.show(9_000, 9_005);
    await s.settle();
    expect(windows.held).toBeLessThanOrEqual(40);
    expect(windows.rowAt(9_000)?.id).toBe("r9000");
    expect(windows.rowAt(0)).toBeUndefined();
    expect(windows.indexOf("r0")).toBe(-1);
  });

  it("replaces a changed row in place, and takes an older read's row only when it is not older", async () => {
    const s = server(100);
    const { windows } = windowsOf(s);
    windows.show(0, 5);
    await s.settle();
    expect(windows.apply({ ...base, type: "row_updated", revision: 6, row_id: "r3", data: { company: "Acme" }, version: 2, position: 30 })).toBe("applied");
    expect(windows.rowAt(3)?.data).toEqual({ company: "Acme" });
    expect(windows.rowAt(3)?.updated_by).toBe("bob");
    // A page read again that still has the old version does not undo the edit.
    windows.resync(6);
    await s.settle();
    expect(windows.rowAt(3)?.data).toEqual({ company: "Acme" });
    expect(windows.apply({ ...base, type: "row_updated", revision: 8, row_id: "r3", data: {}, version: 3, position: 30 })).toBe("gap");
    expect(windows.apply({ ...base, type: "row_updated", revision: 6, row_id: "r3", data: {}, version: 3, position: 30 })).toBe("seen");
  });

  it("remembers an edit of a row not held while a read of it is under way", async () => {
    const s = server(100);
    const { windows } = windowsOf(s);
    windows.show(0, 5);
    await s.settle();
    windows.show(50, 55);
    expect(s.pending.length).toBeGreaterThan(0);
    windows.apply({ ...base, type: "row_updated", revision: 6, row_id: "r52", data: { company: "Edited" }, version: 2, position: 520 });
    await s.settle();
    expect(windows.rowAt(52)?.data).toEqual({ company: "Edited" });
  });

  it("counts rows added and deleted in sheet order, and reads what is on screen again", async () => {
    const s = server(100);
    const { windows } = windowsOf(s);
    windows.show(0, 5);
    await s.settle();
    s.rows.splice(2, 0, row(1_000));
    windows.apply({ ...base, type: "row_created", revision: 6, rows: [{ id: "r1000", position: 25, version: 1, data: {} }], shifted: [] });
    expect(windows.total).toBe(101);
    // Until read again, the rows held stay on screen.
    expect(windows.rowAt(2)?.id).toBe("r2");
    await s.settle();
    expect(windows.rowAt(2)?.id).toBe("r1000");
    expect(windows.rowAt(3)?.id).toBe("r2");

    s.rows.splice(0, 1);
    windows.apply({ ...base, type: "row_deleted", revision: 7, row_ids: ["r0"] });
    expect(windows.total).toBe(100);
    expect(windows.rowAt(0)?.id).toBe("r1");
    expect(windows.indexOf("r0")).toBe(-1);
    await s.settle();
    expect(windows.rowAt(9)?.id).toBe("r9");
    expect(s.pending).toEqual([]);
  });

  it("counts a filtered view again when rows are added, since the server decides which belong", async () => {
    const s = server(30);
    const { windows } = windowsOf(s, { sheetOrder: false });
    windows.show(0, 5);
    await s.settle();
    s.rows.push(row(500));
    windows.apply({ ...base, type: "row_created", revision: 6, rows: [{ id: "r500", position: 5_000, version: 1, data: {} }], shifted: [] });
    expect(s.pending[0].withTotal).toBe(true);
    await s.settle();
    expect(windows.total).toBe(31);
  });

  it("asks for the count again when it was counted before a change arrived", async () => {
    const s = server(20);
    const { windows } = windowsOf(s);
    windows.show(0, 5);
    // The first read is under way when a row is added elsewhere.
    const event: SheetEvent = { ...base, type: "row_created", revision: 6, rows: [{ id: "r900", position: 9_000, version: 1, data: {} }], shifted: [] };
    windows.apply(event);
    s.rows.push(row(900));
    await s.settle();
    expect(windows.total).toBe(21);
    windows.show(15, 20);
    await s.settle();
    expect(windows.rowAt(20)?.id).toBe("r900");
  });

  it("reads rows not held to copy a range", async () => {
    const s = server(3_000);
    const { windows } = windowsOf(s);
    windows.show(0, 5);
    await s.settle();
    const copying = windows.rowsBetween(5, 2_504);
    await s.settle();
    await s.settle();
    await s.settle();
    const rows = await copying;
    expect(rows).toHaveLength(2_500);
    expect(rows[0].id).toBe("r5");
    expect(rows[2_499].id).toBe("r2504");
  });

  it("reports a read that failed, and tries again when the screen moves", async () => {
    let fail = true;
    const windows = new RowWindows(
      (offset, _limit, withTotal) => (fail ? Promise.reject(new Error("down")) : Promise.resolve({ rows: [row(offset)], total: withTotal ? 1 : null })),
      () => undefined,
      0,
      { sheetOrder: true, pageSize: 10 },
    );
    windows.show(0, 5);
    await new Promise((r) => setTimeout(r, 0));
    expect(windows.failure).toBeInstanceOf(Error);
    fail = false;
    windows.show(0, 5);
    await new Promise((r) => setTimeout(r, 0));
    expect(windows.failure).toBeNull();
    expect(windows.total).toBe(1);
  });
});
