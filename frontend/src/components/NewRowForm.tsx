import { useState } from "react";
import { ApiError } from "../model/api";
import type { Column, JsonValue } from "../model/types";
import { fromInput } from "../model/values";
import { CellEditor } from "./CellEditor";

type Draft = Record<string, string | boolean>;

/** A form to add a row: one typed editor per column, the server's verdict shown per field. */
export function NewRowForm({ columns, onAdd }: { columns: Column[]; onAdd: (data: Record<string, JsonValue>) => Promise<void> }) {
  const [draft, setDraft] = useState<Draft>({});
  const [key, setKey] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const data: Record<string, JsonValue> = {};
    for (const column of columns) {
      if (draft[column.id] !== undefined) {
        data[column.id] = fromInput(column, draft[column.id]);
      }
    }
    try {
      await onAdd(data);
      setDraft({});
      setKey((k) => k + 1);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", "The server cannot be reached"));
    }
  }

  return (
    <form
      className="new-row"
      aria-label="New row"
      key={key}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        // Enter in a field adds the row, as in any form (the editors keep Enter from submitting on their own).
        if (e.key === "Enter" && !e.shiftKey && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLButtonElement)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      {columns.map((column) => {
        const message = error?.detailFor(column.id)?.message;
        return (
          <div key={column.id} className={message ? "field invalid" : "field"}>
            <CellEditor column={column} value={draft[column.id]} invalid={!!message} onChange={(input) => setDraft((d) => ({ ...d, [column.id]: input }))} />
            {message && (
              <span className="field-error" role="alert">
                {message}
              </span>
            )}
          </div>
        );
      })}
      <button type="submit">Add row</button>
      {error && error.details.length === 0 && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
    </form>
  );
}
