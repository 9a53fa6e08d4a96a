import type { Column, JsonValue } from "./types";
import { toInput } from "./values";

/** Types whose values are ordered, so bounds make sense. */
export const BOUNDED = ["number", "currency", "percent", "date", "datetime"];
/** Types whose values are text, so lengths and patterns make sense. */
export const TEXTUAL = ["text", "long_text", "email", "url", "phone"];

/** What a column's rules become when saved: blanks are left out; rules this form does not show are kept. */
export function rulesFrom(column: Column, form: RulesForm): { is_required: boolean; validation_rules: Record<string, JsonValue> } {
  const rules: Record<string, JsonValue> = {};
  // Rules written through the API that this form does not edit (e.g. required_when) are kept as they are.
  for (const [key, value] of Object.entries(column.validation_rules)) {
    if (!(key in EMPTY_FORM)) {
      rules[key] = value;
    }
  }
  const text = (key: "min" | "max" | "pattern") => form[key].trim();
  const count = (key: "min_length" | "max_length") => (form[key].trim() === "" ? null : Number(form[key].trim()));
  if (BOUNDED.includes(column.column_type)) {
    if (text("min") !== "") rules.min = text("min");
    if (text("max") !== "") rules.max = text("max");
  }
  if (TEXTUAL.includes(column.column_type)) {
    const least = count("min_length");
    const most = count("max_length");
    if (least !== null) rules.min_length = Number.isInteger(least) ? least : form.min_length;
    if (most !== null) rules.max_length = Number.isInteger(most) ? most : form.max_length;
    if (text("pattern") !== "") rules.pattern = text("pattern");
  }
  if (form.unique) {
    rules.unique = true;
  }
  return { is_required: form.required, validation_rules: rules };
}

export interface RulesForm {
  required: boolean;
  unique: boolean;
  min: string;
  max: string;
  min_length: string;
  max_length: string;
  pattern: string;
}

const EMPTY_FORM: Omit<RulesForm, "required"> = { unique: false, min: "", max: "", min_length: "", max_length: "", pattern: "" };

export function formOf(column: Column): RulesForm {
  const rules = column.validation_rules;
  const bound = (value: JsonValue | undefined) => (value === undefined || value === null ? "" : toInput(column, value));
  const plainText = (value: JsonValue | undefined) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
  return {
    required: column.is_required,
    unique: rules.unique === true,
    min: bound(rules.min),
    max: bound(rules.max),
    min_length: plainText(rules.min_length),
    max_length: plainText(rules.max_length),
    pattern: plainText(rules.pattern),
  };
}
