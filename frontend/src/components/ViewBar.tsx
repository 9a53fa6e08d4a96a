import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
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
 * Quick search across every column, done by the server as one types (after a pause). A search set
 * from elsewhere (a saved view picked) replaces the text; the searches this box sent do not.
 */
function QuickSearch({ value, inputRef, onSearch }: { value: string; inputRef: RefObject<HTMLInputElement | null>; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [known, setKnown] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== known) {
    setKnown(value);
    if (value !== sent) {
      setText(value);
      setSent(value);
    }
  }
  const search = useRef(onSearch);
  useEffect(() => {
    search.current = onSearch;
  });
  useEffect(() => {
    if (text.trim() === value) {
      return;
    }
    const timer = window.setTimeout(() => {
      setSent(text.trim());
      search.current(text.trim());
    }, 300);
    return () => window.clearTimeout(timer);
  }, [text, value]);
  return (
    <input
      ref={inputRef}
      type="search"
      className="quick-search"
      aria-label="Search all columns"
      placeholder="Search (Ctrl+F)"
      maxLength={200}
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}

/**
 * How the grid shows rows, done by the server: quick search, the current sort (set by clicking a
 * column's header) and filters as removable chips, a form to add a filter, and the saved views.
 */
export function ViewBar({
  columns,
  view,
  onChange,
  searchRef,
  children,
}: {
  columns: Column[];
  view: RowView;
  onChange: (view: RowView) => void;
  /** The search box, for Ctrl+F. */
  searchRef: RefObject<HTMLInputElement | null>;
  /** The saved views' menu. */
  children?: ReactNode;
}) {
  const [column, setColumn] = useState(columns[0]?.id ?? "");
  const [op, setOp] = useState("eq");
  const [value, setValue] = useState("");
  const needsValue = OPS.find((o) => o.op === op)?.needsValue ?? true;

  return (
    <div className="view-bar" role="toolbar" aria-label="Sort and filter">
      {children}
      <QuickSearch value={view.q ?? ""} inputRef={searchRef} onSearch={(q) => onChange({ ...view, q: q === "" ? undefined : q })} />
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
