import { describe, expect, it } from "vitest";
import type { Column } from "./types";
import { display, editorFor, fromInput, linkFor, splitChoices, toInput } from "./values";

function column(column_type: string, type_settings: Column["type_settings"] = {}): Column {
  return { id: "c", name: "C", column_type, type_settings, is_required: false, validation_rules: {}, display_options: {} };
}

describe("display", () => {
  it.each([
    [column("currency", { currency: "USD" }), { amount: 12000.5, currency: "USD" }, "$12,000.50"],
    [column("currency", { currency: "USD" }), { amount: 5, currency: "EUR" }, "€5.00"],
    [column("percent"), 12.5, "12.5%"],
    [column("number"), 1234567.891, "1,234,567.891"],
    [column("boolean"), true, "✓"],
    [column("boolean"), false, ""],
    [column("multi_select"), ["Hot", "Renewal"], "Hot, Renewal"],
    [column("text"), null, ""],
    [column("date"), "2026-03-31", "2026-03-31"],
    [column("rating"), 4, "★★★★"],
    [column("duration"), 5415, "1h 30m 15s"],
    [column("duration"), 0, "0m"],
    [column("country"), "DE", "Germany (DE)"],
  ])("shows %o value %o as %s", (col, value, expected) => {
    expect(display(col, value)).toBe(expected);
  });
});

describe("editing", () => {
  it("picks an editor per type", () => {
    expect(editorFor(column("select"))).toBe("select");
    expect(editorFor(column("currency"))).toBe("number");
    expect(editorFor(column("boolean"))).toBe("checkbox");
    expect(editorFor(column("email"))).toBe("text");
  });

  it("round-trips money through the editor in the column's currency", () => {
    const money = column("currency", { currency: "EUR" });
    expect(toInput(money, { amount: 12.5, currency: "EUR" })).toBe("12.5");
    expect(fromInput(money, "12.5")).toEqual({ amount: 12.5, currency: "EUR" });
    expect(fromInput(money, "$5")).toBe("$5");
  });

  it("clears a cell with blank input and sends booleans as they are", () => {
    expect(fromInput(column("text"), "   ")).toBeNull();
    expect(fromInput(column("boolean"), true)).toBe(true);
  });
});

describe("linkFor", () => {
  it.each([
    [column("email"), "ada@example.com", "mailto:ada@example.com"],
    [column("phone"), "+1 (555) 010-2000", "tel:+15550102000"],
    [column("url"), "example.com/deals", "https://example.com/deals"],
    [column("url"), "http://intranet/crm", "http://intranet/crm"],
    [column("url"), "javascript:alert(1)", null],
    [column("email"), "", null],
    [column("text"), "ada@example.com", null],
  ])("links %o value %o to %s", (col, value, expected) => {
    expect(linkFor(col, value)).toBe(expected);
  });
});

describe("splitChoices", () => {
  it("reads the options written in a multi-select cell, ignoring blanks", () => {
    expect(splitChoices(" Hot, Renewal ,, ")).toEqual(["Hot", "Renewal"]);
    expect(splitChoices("")).toEqual([]);
  });
});
