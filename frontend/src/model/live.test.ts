import { describe, expect, it } from "vitest";
import { overwritesOf, SheetRows, type SheetEvent } from "./live";
import type { Row } from "./types";

function row(id: string, position: number, version = 1, data: Row["data"] = {}): Row {
  return { id, position, version, data, created_by: "u", updated_by: "u", created_at: "t", updated_at: "t" };
}

const base = { user_id: "bob", op_id: null };

describe("SheetRows", () => {
  it("applies updates, inserts, moves and deletes in revision order", () => {
    const rows = new SheetRows([row("a", 10), row("b", 20)], 5);
    expect(rows.apply({ ...base, type: "row_updated", revision: 6, row_id: "a", data: { company: "Acme" }, version: 2, position: 10 })).toBe("applied");
    expect(rows.apply({ ...base, type: "row_created", revision: 7, rows: [{ id: "c", position: 15, version: 1, data: {} }], shifted: [] })).toBe("applied");
    expect(rows.apply({ ...base, type: "row_moved", revision: 8, row: { id: "b", position: 5, version: 2, data: {} }, shifted: [] })).toBe("applied");
    expect(rows.apply({ ...base, type: "row_deleted", revision: 9, row_ids: ["c"] })).toBe("applied");
    expect(rows.rows().map((r) => r.id)).toEqual(["b", "a"]);
    expect(rows.rows()[1].data).toEqual({ company: "Acme" });
    expect(rows.rows()[1].updated_by).toBe("bob");
    expect(rows.revision).toBe(9);
  });

  it("applies a multi-row edit (a paste) as one revision", () => {
    const rows = new SheetRows([row("a", 10), row("b", 20)], 5);
    const paste: SheetEvent = {
      ...base,
      type: "rows_updated",
      revision: 6,
      rows: [
        { id: "a", position: 10, version: 2, data: { contact: "Ann" }, changed: ["contact"] },
        { id: "b", position: 20, version: 2, data: { contact: "Bo" }, changed: ["contact"] },
      ],
    };
    expect(rows.apply(paste)).toBe("applied");
    expect(rows.rows().map((r) => r.data.contact)).toEqual(["Ann", "Bo"]);
    expect(rows.revision).toBe(6);
  });

  it("finds this user's values that someone else's edit replaced", () => {
    const replaced = { user_id: "ann", column_id: "next_step", value: "Call", revision: 4 };
    const single: SheetEvent = { ...base, type: "row_updated", revision: 6, row_id: "a", data: {}, version: 2, position: 10, overwritten: [replaced] };
    expect(overwritesOf(single, "ann")).toEqual([{ ...replaced, row_id: "a" }]);
    expect(overwritesOf(single, "cy")).toEqual([]);
    expect(overwritesOf({ ...single, user_id: "ann" }, "ann")).toEqual([]);
    const paste: SheetEvent = { ...base, type: "rows_updated", revision: 6, rows: [], overwritten: [{ ...replaced, row_id: "b" }] };
    expect(overwritesOf(paste, "ann")).toEqual([{ ...replaced, row_id: "b" }]);
  });

  it("reports repeats and gaps without changing anything", () => {
    const rows = new SheetRows([row("a", 10)], 5);
    const later: SheetEvent = { ...base, type: "row_deleted", revision: 7, row_ids: ["a"] };
    expect(rows.apply(later)).toBe("gap");
    expect(rows.apply({ ...base, type: "row_deleted", revision: 5, row_ids: ["a"] })).toBe("seen");
    expect(rows.rows()).toHaveLength(1);
  });

  it("never lets an older version replace a newer one, whichever way it came", () => {
    const rows = new SheetRows([row("a", 10, 3, { company: "New" })], 5);
    rows.apply({ ...base, type: "row_updated", revision: 6, row_id: "a", data: { company: "Old" }, version: 2, position: 10 });
    expect(rows.rows()[0].data).toEqual({ company: "New" });
    rows.put(row("a", 10, 1, { company: "Older" }));
    expect(rows.rows()[0].data).toEqual({ company: "New" });
  });

  it("keeps a deleted row deleted when a stale REST answer brings it back", () => {
    const rows = new SheetRows([row("a", 10)], 5);
    rows.apply({ ...base, type: "row_deleted", revision: 6, row_ids: ["a"] });
    rows.put(row("a", 10));
    expect(rows.rows()).toEqual([]);
  });

  it("asks for a reload when a column change rewrote too many rows to send", () => {
    const rows = new SheetRows([], 1);
    expect(rows.apply({ ...base, type: "column_changed", revision: 2, reload_rows: true, rewritten_rows: [] })).toBe("reload");
  });
});

describe("SheetRows order", () => {
  it("hands out the same array until something changes, and keeps order through in-place edits", () => {
    const rows = new SheetRows([row("b", 20), row("a", 10)], 1);
    const first = rows.rows();
    expect(first.map((r) => r.id)).toEqual(["a", "b"]);
    expect(rows.rows()).toBe(first);
    rows.put(row("a", 10, 2, { company: "Acme" }));
    const second = rows.rows();
    expect(second).not.toBe(first);
    expect(second.map((r) => [r.id, r.version])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    rows.put(row("b", 5, 2));
    expect(rows.rows().map((r) => r.id)).toEqual(["b", "a"]);
    rows.remove("a");
    expect(rows.rows().map((r) => r.id)).toEqual(["b"]);
    expect(rows.size).toBe(1);
  });
});
