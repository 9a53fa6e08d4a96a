import { describe, expect, it } from "vitest";
import { formOf, rulesFrom } from "./rules";
import type { Column } from "./types";

function column(column_type: string, validation_rules: Column["validation_rules"] = {}, type_settings: Column["type_settings"] = {}): Column {
  return { id: "c", name: "C", column_type, type_settings, is_required: false, validation_rules, display_options: {} };
}

describe("rules", () => {
  it("reads a column's rules into the form, amounts as typed", () => {
    const value = column("currency", { min: { amount: 0, currency: "USD" }, max: { amount: 1000000, currency: "USD" }, unique: true }, { currency: "USD" });
    expect(formOf(value)).toEqual({ required: false, unique: true, min: "0", max: "1000000", min_length: "", max_length: "", pattern: "" });
  });

  it("writes only the rules that fit the type, leaves blanks out and keeps rules the form does not show", () => {
    const when = { column: "stage", operator: "at_least", values: ["Proposal"] };
    const text = column("text", { required_when: when, min_length: 2 });
    const form = { ...formOf(text), required: true, min: "5", min_length: "", max_length: "80", pattern: "^[A-Z]" };
    expect(rulesFrom(text, form)).toEqual({ is_required: true, validation_rules: { required_when: when, max_length: 80, pattern: "^[A-Z]" } });
  });

  it("sends a length that is not a whole number as typed, for the server to name", () => {
    expect(rulesFrom(column("text"), { ...formOf(column("text")), max_length: "ten" }).validation_rules).toEqual({ max_length: "ten" });
  });
});
