import { useEffect, useState } from "react";
import { problemText, type Api } from "../model/api";
import type { Column, Sheet, TypeChangeReport } from "../model/types";
import { RulesEditor } from "./RulesEditor";

/** The core's column types, offered until the server's list (with plugins' types) arrives. */
const CORE_TYPES = ["text", "long_text", "number", "currency", "percent", "date", "boolean", "select", "multi_select", "email", "url", "phone"];

/** The settings a type needs beyond its id: options for selects (comma-separated), a currency. */
function typeSpec(type: string, options: string, currency: string) {
  if (type === "select" || type === "multi_select") {
    return {
      column_type: type,
      options: options
        .split(",")
        .map((o) => o.trim())
        .filter((o) => o !== ""),
    };
  }
  if (type === "currency") {
    return { column_type: type, type_settings: { currency: currency.trim().toUpperCase() || "USD" } };
  }
  return { column_type: type };
}

/**
 * Manage a sheet's columns (editors): add one, rename, move up or down, delete, change a type
 * after a preview of the cells that will not convert, edit its validation rules, and hide it from
 * this browser's grid.
 */
export function ColumnsPanel({
  api,
  sheet,
  onChanged,
  hidden,
  onHiddenChange,
}: {
  api: Api;
  sheet: Sheet;
  onChanged: () => void;
  /** Columns this browser does not show in the grid. */
  hidden: string[];
  onHiddenChange: (hidden: string[]) => void;
}) {
  const [name, setName] = useState("");
  const [type, setType] = useState("text");
  const [types, setTypes] = useState<string[]>(CORE_TYPES);
  const [options, setOptions] = useState("");

  useEffect(() => {
    api
      .columnTypes()
      .then((list) => setTypes(list.map((t) => t.id)))
      .catch(() => undefined); // the core's types stay offered
  }, [api]);
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      onChanged();
    } catch (caught) {
      setError(problemText(caught));
    }
  }

  return (
    <section className="side-panel" aria-label="Columns">
      <h3>Columns</h3>
      <ol className="columns-list">
        {sheet.columns.map((column, index) => (
          <ColumnRow
            key={column.id}
            api={api}
            sheetId={sheet.id}
            column={column}
            first={index === 0}
            last={index === sheet.columns.length - 1}
            onMove={(delta) => void act(() => api.updateColumn(sheet.id, column.id, { position: index + delta }))}
            onRename={(newName) => void act(() => api.updateColumn(sheet.id, column.id, { name: newName }))}
            onDelete={() => void act(() => api.deleteColumn(sheet.id, column.id))}
            onRetyped={onChanged}
            shown={!hidden.includes(column.id)}
            onShownChange={(shown) => onHiddenChange(shown ? hidden.filter((id) => id !== column.id) : [...hidden, column.id])}
            types={types}
          />
        ))}
      </ol>
      <form
        className="inline"
        aria-label="Add a column"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await api.addColumn(sheet.id, { name: name.trim(), ...typeSpec(type, options, "USD") });
            setName("");
            setOptions("");
          });
        }}
      >
        <input aria-label="New column name" placeholder="New column" value={name} onChange={(e) => setName(e.target.value)} required />
        <select aria-label="New column type" value={type} onChange={(e) => setType(e.target.value)}>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {(type === "select" || type === "multi_select") && (
          <input aria-label="Options" placeholder="a, b, c" value={options} onChange={(e) => setOptions(e.target.value)} />
        )}
        <button type="submit">Add column</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

function ColumnRow({
  api,
  sheetId,
  column,
  first,
  last,
  onMove,
  onRename,
  onDelete,
  onRetyped,
  shown,
  onShownChange,
  types,
}: {
  api: Api;
  sheetId: string;
  column: Column;
  first: boolean;
  last: boolean;
  onMove: (delta: number) => void;
  onRename: (name: string) => void;
  onDelete: () => void;
  /** The column's type or rules changed. */
  onRetyped: () => void;
  shown: boolean;
  onShownChange: (shown: boolean) => void;
  /** The types a column may be changed to. */
  types: string[];
}) {
  const [type, setType] = useState(column.column_type);
  const [options, setOptions] = useState("");
  const [preview, setPreview] = useState<TypeChangeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editingRules, setEditingRules] = useState(false);
  const spec = typeSpec(type, options, column.type_settings.currency ?? "USD");

  async function run(action: () => Promise<TypeChangeReport>, done: (report: TypeChangeReport) => void) {
    try {
      done(await action());
      setError(null);
    } catch (caught) {
      setError(problemText(caught));
    }
  }

  return (
    <li aria-label={column.name}>
      <input
        aria-label={`Name of ${column.name}`}
        defaultValue={column.name}
        onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== column.name && onRename(e.target.value.trim())}
        onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
      />
      <select
        aria-label={`Type of ${column.name}`}
        value={type}
        onChange={(e) => {
          setType(e.target.value);
          setPreview(null);
        }}
      >
        {[...new Set([column.column_type, ...types])].map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {(type === "select" || type === "multi_select") && type !== column.column_type && (
        <input aria-label={`Options of ${column.name}`} placeholder="a, b, c" value={options} onChange={(e) => setOptions(e.target.value)} />
      )}
      {type !== column.column_type && (
        <button type="button" className="link" onClick={() => void run(() => api.changeColumnType(sheetId, column.id, { ...spec, preview: true }), setPreview)}>
          Preview
        </button>
      )}
      <label>
        <input type="checkbox" checked={shown} onChange={(e) => onShownChange(e.target.checked)} /> Shown
      </label>
      <button type="button" className="link" aria-label={`Move ${column.name} left`} disabled={first} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" className="link" aria-label={`Move ${column.name} right`} disabled={last} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" className="link" aria-label={`Rules of ${column.name}`} aria-expanded={editingRules} onClick={() => setEditingRules(!editingRules)}>
        Rules
      </button>
      <button type="button" className="link" aria-label={`Delete ${column.name}`} onClick={onDelete}>
        Delete
      </button>
      {editingRules && (
        <RulesEditor
          column={column}
          onClose={() => setEditingRules(false)}
          onSave={(change) =>
            api.updateColumn(sheetId, column.id, change).then(
              () => {
                setError(null);
                onRetyped();
                return true;
              },
              (caught: unknown) => {
                setError(problemText(caught));
                return false;
              },
            )
          }
        />
      )}
      {preview && (
        <div className="type-preview" role="status">
          <p>
            {preview.converted} cells convert to {preview.to}
            {preview.failures.length > 0
              ? `; ${preview.failures.length} will not: ${preview.failures.map((f) => `"${f.old_value}" (${f.message})`).join(", ")}`
              : "; every cell converts"}
            .
          </p>
          <button
            type="button"
            onClick={() =>
              void run(
                () => api.changeColumnType(sheetId, column.id, { ...spec, policy: preview.failures.length > 0 ? "clear_unconvertible" : "reject_if_lossy" }),
                () => {
                  setPreview(null);
                  onRetyped();
                },
              )
            }
          >
            {preview.failures.length > 0 ? "Change the type and clear those cells" : "Change the type"}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </li>
  );
}
