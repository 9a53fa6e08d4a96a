import type { Column, JsonValue } from "../model/types";
import { editorFor, toInput } from "../model/values";

interface Props {
  column: Column;
  value: JsonValue | undefined;
  invalid?: boolean;
  autoFocus?: boolean;
  onChange: (input: string | boolean) => void;
  onCommit?: () => void;
  onCancel?: () => void;
}

/** The typed editor of one cell: text, number, date, select or checkbox. */
export function CellEditor({ column, value, invalid, autoFocus, onChange, onCommit, onCancel }: Props) {
  const kind = editorFor(column);
  const common = {
    "aria-label": column.name,
    "aria-invalid": invalid || undefined,
    "data-column": column.id,
    autoFocus,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Enter" && kind !== "longtext") {
        e.preventDefault();
        onCommit?.();
      } else if (e.key === "Escape") {
        onCancel?.();
      }
    },
  };
  if (kind === "checkbox") {
    return <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  }
  if (kind === "select") {
    return (
      <select {...common} value={toInput(column, value)} onChange={(e) => onChange(e.target.value)}>
        <option value="">{value === undefined ? `${column.name}…` : ""}</option>
        {(column.type_settings.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  const type = kind === "number" ? "text" : kind === "date" ? "date" : kind === "datetime" ? "text" : "text";
  return (
    <input
      type={type}
      inputMode={kind === "number" ? "decimal" : undefined}
      placeholder={column.name}
      {...common}
      defaultValue={toInput(column, value)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => onCommit?.()}
    />
  );
}
