import { describe, expect, it } from "vitest";
import { narrowsOrSorts } from "./api";
import { sameSettings } from "./views";

describe("sameSettings", () => {
  const saved = { sort: "deal_value:desc", filters: ["stage:eq:Lead"], q: "acme", hidden: ["notes", "owner"] };

  it("holds for the same sort, filters and search, with hidden columns in any order", () => {
    expect(sameSettings(saved, { ...saved, hidden: ["owner", "notes"] })).toBe(true);
    expect(sameSettings({ ...saved, q: null }, { ...saved, q: "" })).toBe(true);
  });

  it("tells any difference", () => {
    expect(sameSettings(saved, { ...saved, sort: null })).toBe(false);
    expect(sameSettings(saved, { ...saved, filters: [] })).toBe(false);
    expect(sameSettings(saved, { ...saved, q: "acm" })).toBe(false);
    expect(sameSettings(saved, { ...saved, hidden: ["notes"] })).toBe(false);
  });
});

describe("narrowsOrSorts", () => {
  it("is true for a sort, a filter or a search, and false for the sheet as it is", () => {
    expect(narrowsOrSorts({ filters: [] })).toBe(false);
    expect(narrowsOrSorts({ filters: [], q: "" })).toBe(false);
    expect(narrowsOrSorts({ filters: [], q: "acme" })).toBe(true);
    expect(narrowsOrSorts({ filters: ["stage:eq:Lead"] })).toBe(true);
    expect(narrowsOrSorts({ sort: "company", filters: [] })).toBe(true);
  });
});
