import type { Column, JsonValue } from "./types";

/** The editor a column needs. */
export type EditorKind = "text" | "longtext" | "number" | "date" | "datetime" | "select" | "checkbox";

export function editorFor(column: Column): EditorKind {
  switch (column.column_type) {
    case "number":
    case "currency":
    case "percent":
      return "number";
    case "date":
      return "date";
    case "datetime":
      return "datetime";
    case "select":
      return "select";
    case "boolean":
      return "checkbox";
    case "long_text":
      return "longtext";
    default:
      return "text";
  }
}

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 20 });

/** Any JSON value as plain text: strings as they are, numbers and booleans as written, the rest as JSON. */
export function plain(value: JsonValue): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** A cell value as people read it in the grid. */
export function display(column: Column, value: JsonValue | undefined): string {
  if (value === null || value === undefined) {
    return "";
  }
  switch (column.column_type) {
    case "currency": {
      if (typeof value === "object" && !Array.isArray(value) && value !== null) {
        const amount = Number(value.amount);
        const currency = plain(value.currency);
        try {
          return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);
        } catch {
          return `${grouped.format(amount)} ${currency}`;
        }
      }
      return plain(value);
    }
    case "percent":
      return `${grouped.format(Number(value))}%`;
    case "number":
      return grouped.format(Number(value));
    case "boolean":
      return value === true ? "✓" : "";
    case "multi_select":
      return Array.isArray(value) ? value.map(plain).join(", ") : plain(value);
    // The bundled column-types plugin's types.
    case "rating":
      return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 10 ? "★".repeat(value) : plain(value);
    case "duration":
      return typeof value === "number" ? duration(value) : plain(value);
    case "country":
      return typeof value === "string" ? `${countryName(value)} (${value})` : plain(value);
    default:
      return plain(value);
  }
}

/** Seconds as the duration type writes them: "1h 30m", "2d 4h", "45s". */
export function duration(seconds: number): string {
  if (seconds === 0) {
    return "0m";
  }
  const parts: [number, string][] = [
    [Math.floor(seconds / 86_400), "d"],
    [Math.floor((seconds % 86_400) / 3600), "h"],
    [Math.floor((seconds % 3600) / 60), "m"],
    [seconds % 60, "s"],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(" ");
}

const countries = new Intl.DisplayNames(["en"], { type: "region" });

function countryName(code: string): string {
  try {
    return countries.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The text an editor starts with for a value (what the server reads back to the same value). */
export function toInput(column: Column, value: JsonValue | undefined): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (column.column_type === "currency" && typeof value === "object" && !Array.isArray(value)) {
    return plain(value.amount);
  }
  if (Array.isArray(value)) {
    return value.map(plain).join(", ");
  }
  return plain(value);
}

/** The options of a multi-select as written in a cell ("Email, Phone"). */
export function splitChoices(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Where a contact cell's value leads (email, phone, web address), or null for other columns and empty cells. */
export function linkFor(column: Column, value: JsonValue | undefined): string | null {
  if (typeof value !== "string" || value.trim() === "") {
    return null;
  }
  const text = value.trim();
  switch (column.column_type) {
    case "email":
      return `mailto:${text}`;
    case "phone":
      return `tel:${text.replace(/[^+\d]/g, "")}`;
    case "url":
      // Only web addresses lead anywhere: a "javascript:" value must never become a link.
      return /^https?:\/\//i.test(text) ? text : /^[a-z][a-z\d+.-]*:/i.test(text) ? null : `https://${text}`;
    default:
      return null;
  }
}

/** What to send for an edited cell: text is read by the server with the column's type; blank clears. */
export function fromInput(column: Column, input: string | boolean): JsonValue {
  if (typeof input === "boolean") {
    return input;
  }
  if (input.trim() === "") {
    return null;
  }
  if (column.column_type === "currency") {
    const currency = column.type_settings.currency ?? "USD";
    return /^[-+]?\d+(\.\d+)?$/.test(input.trim()) ? { amount: Number(input.trim()), currency } : input;
  }
  return input;
}
