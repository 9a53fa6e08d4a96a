import { useState } from "react";
import { BOUNDED, formOf, rulesFrom, TEXTUAL, type RulesForm } from "../model/rules";
import type { Column } from "../model/types";

/**
 * A column's validation rules: required, unique, bounds for numbers, amounts and dates, lengths and a
 * pattern for text. Values are typed as in a cell ("$1,000", "2026-12-31"); the server checks them
 * and names each one it cannot take.
 */
export function RulesEditor({
  column,
  onSave,
  onClose,
}: {
  column: Column;
  onSave: (change: ReturnType<typeof rulesFrom>) => Promise<boolean>;
  onClose: () => void;
}) {
  const [form, setForm] = useState<RulesForm>(() => formOf(column));
  const set = <K extends keyof RulesForm>(key: K, value: RulesForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const field = (key: "min" | "max" | "min_length" | "max_length" | "pattern", label: string, size = 10) => (
    <label>
      {label} <input aria-label={`${label} of ${column.name}`} value={form[key]} size={size} onChange={(e) => set(key, e.target.value)} />
    </label>
  );
  return (
    <form
      className="rules"
      aria-label={`Rules of ${column.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(rulesFrom(column, form)).then((saved) => saved && onClose());
      }}
    >
      <label>
        <input type="checkbox" checked={form.required} onChange={(e) => set("required", e.target.checked)} /> Required
      </label>
      <label>
        <input type="checkbox" checked={form.unique} onChange={(e) => set("unique", e.target.checked)} /> Unique
      </label>
      {BOUNDED.includes(column.column_type) && (
        <>
          {field("min", "At least")}
          {field("max", "At most")}
        </>
      )}
      {TEXTUAL.includes(column.column_type) && (
        <>
          {field("min_length", "Min length", 4)}
          {field("max_length", "Max length", 4)}
          {field("pattern", "Pattern", 14)}
        </>
      )}
      <button type="submit">Save rules</button>
      <button type="button" className="link" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
