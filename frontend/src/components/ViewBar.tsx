import { useState } from "react";
import type { RowView } from "../model/api";
import type { Column } from "../model/types";

const OPS: { op: string; label: string; needsValue: boolean }[] = [
  { op: "eq", label: "=", needsValue: true },
  { op: "ne", label: "≠", needsValue: true },
  { op: "contains", label: "contains", needsValue: true },
  { op: "lt", label: "<", needsValue: true },
  { op: "le", label: "≤", needsValue: true },
  { op: "gt", label: ">", needsValue: true },
  { op: "ge", label: "≥", needsValue: true },
  { op: "empty", label: "is empty", needsValue: false },
  { op: "not_empty", label: "is not empty", needsValue: false },
];

/** How a view's sort and filters read to people: "Deal Value ↓", "Stage = Lead". */
export function describeSort(sort: string, columns: Column[]): string {
  const [id, direction] = sort.split(":");
  return `${columns.find((c) => c.id === id)?.name ?? id} ${direction === "desc" ? "↓" : "↑"}`;
}

function describeFilter(filter: string, columns: Column[]): string {
  const [id, op, ...value] = filter.split(":");
  const label = OPS.find((o) => o.op === op)?.label ?? op;
  return `${columns.find((c) => c.id === id)?.name ?? id} ${label}${value.length ? ` ${value.join(":")}` : ""}`;
}

/**
 * The sort and filters of the grid, done by the server: the current sort (set by clicking a
 * column's header) and filters as removable chips, and a form to add a filter.
 */
export function ViewBar({ columns, view, onChange }: { columns: Column[]; view: RowView; onChange: (view: RowView) => void }) {
  const [column, setColumn] = useState(columns[0]?.id ?? "");
  const [op, setOp] = useState("eq");
  const [value, setValue] = useState("");
  const needsValue = OPS.find((o) => o.op === op)?.needsValue ?? true;

  return (
    <div className="view-bar" role="toolbar" aria-label="Sort and filter">
      {view.sort && (
        <span className="chip">
          Sorted by {describeSort(view.sort, columns)}
          <button type="button" className="link" aria-label="Remove the sort" onClick={() => onChange({ ...view, sort: undefined })}>
            ✕
          </button>
        </span>
      )}
      {view.filters.map((f) => (
        <span className="chip" key={f}>
          {describeFilter(f, columns)}
          <button
            type="button"
            className="link"
            aria-label={`Remove the filter ${describeFilter(f, columns)}`}
            onClick={() => onChange({ ...view, filters: view.filters.filter((x) => x !== f) })}
          >
            ✕
          </button>
        </span>
      ))}
      <form
        className="inline"
        aria-label="Add a filter"
        onSubmit={(e) => {
          e.preventDefault();
          const filter = `${column}:${op}${needsValue ? `:${value}` : ""}`;
          if (!view.filters.includes(filter)) {
            onChange({ ...view, filters: [...view.filters, filter] });
          }
          setValue("");
        }}
      >
        <select aria-label="Filter column" value={column} onChange={(e) => setColumn(e.target.value)}>
          {columns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <select aria-label="Filter operator" value={op} onChange={(e) => setOp(e.target.value)}>
          {OPS.map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </select>
        {needsValue && <input aria-label="Filter value" value={value} onChange={(e) => setValue(e.target.value)} size={12} />}
        <button type="submit">Filter</button>
      </form>
      <span className="muted">Click a column's header to sort by it.</span>
    </div>
  );
}
