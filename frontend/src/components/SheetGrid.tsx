import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, type Api } from "../model/api";
import { SheetRows, type PresenceEntry } from "../model/live";
import { LiveSheet } from "../model/socket";
import type { Column, JsonValue, Row, Sheet } from "../model/types";
import { display, fromInput } from "../model/values";
import { CellEditor } from "./CellEditor";

type Draft = Record<string, string | boolean>;

/** A sheet as a grid: typed editors, a row to add new rows, inline errors per cell. */
export function SheetGrid({ api, sheetId, onBack }: { api: Api; sheetId: string; onBack: () => void }) {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [draft, setDraft] = useState<Draft>({});
  const [draftKey, setDraftKey] = useState(0);
  const [draftError, setDraftError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<{ row: string; column: string } | null>(null);
  const [cellError, setCellError] = useState<{ row: string; column: string; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** What the open cell editor holds, committed on Enter or when it loses focus. */
  const pending = useRef<string | boolean | undefined>(undefined);
  /** The rows as events keep them; the grid shows its rows(). */
  const live = useRef<SheetRows>(new SheetRows([], 0));
  const [presence, setPresence] = useState<Record<string, PresenceEntry>>({});
  const [status, setStatus] = useState<"connecting" | "live" | "offline">("connecting");
  const me = useRef<string | null>(null);
  const socketRef = useRef<LiveSheet | null>(null);

  /** Tells the others which cell this user is editing (null: none). */
  const announce = useCallback((cell: { row: string; column: string } | null) => {
    socketRef.current?.select(cell ? { from_row: cell.row, from_column: cell.column, to_row: cell.row, to_column: cell.column } : null, cell !== null);
  }, []);

  const show = useCallback(() => setRows(live.current.rows()), []);

  useEffect(() => announce(editing), [editing, announce]);

  const load = useCallback(async () => {
    const [loaded, page] = await Promise.all([api.sheet(sheetId), api.rows(sheetId)]);
    // Merged, not replaced: events may have arrived on the socket while the page was read.
    page.forEach((row) => live.current.put(row));
    live.current.revision = Math.max(live.current.revision, loaded.revision);
    setSheet(loaded);
    show();
  }, [api, sheetId, show]);

  useEffect(() => {
    load().catch((e: unknown) => setNotice(e instanceof ApiError ? e.message : "Could not load the sheet"));
  }, [load]);

  // Everyone's edits, live: the socket's events keep the rows current.
  useEffect(() => {
    const socket = new LiveSheet(sheetId, (fresh) => api.socketToken(fresh), {
      ready(revision, events, rows, entries, you) {
        me.current = you.connection_id;
        if (rows !== null) {
          // A snapshot with every row: the whole state at that revision.
          const previous = live.current;
          const next = new SheetRows([], revision);
          for (const row of rows) {
            const known = previous.rows().find((r) => r.id === row.id);
            next.put({ created_by: null, updated_by: null, created_at: "", updated_at: "", ...known, ...row });
          }
          live.current = next;
        } else if (events.length > 0) {
          // A replay of what was missed while disconnected.
          for (const event of events) {
            live.current.apply(event);
          }
        } else if (revision > live.current.revision) {
          // A snapshot of a sheet too large to send whole: read the rows again.
          live.current = new SheetRows([], revision);
          void load();
        }
        setPresence(Object.fromEntries(entries.map((e) => [e.connection_id, e])));
        show();
      },
      event(event) {
        const applied = live.current.apply(event);
        if (applied === "gap") {
          socket.resync(live.current.revision);
        } else if (applied === "reload") {
          void load();
        } else {
          show();
        }
      },
      presence(entries, left) {
        setPresence((current) => {
          const next = { ...current };
          entries.forEach((e) => (next[e.connection_id] = e));
          left.forEach((id) => delete next[id]);
          return next;
        });
      },
      status: setStatus,
    });
    socketRef.current = socket;
    socket.start();
    return () => {
      socketRef.current = null;
      socket.stop();
    };
  }, [api, sheetId, load, show]);

  if (!sheet) {
    return <p>{notice ?? "Loading…"}</p>;
  }
  const editable = sheet.role !== "viewer";

  async function addRow(e: React.FormEvent) {
    e.preventDefault();
    const data: Record<string, JsonValue> = {};
    for (const column of sheet!.columns) {
      if (draft[column.id] !== undefined) {
        data[column.id] = fromInput(column, draft[column.id]);
      }
    }
    try {
      const row = await api.addRow(sheetId, data);
      live.current.put(row);
      show();
      setDraft({});
      setDraftKey((k) => k + 1);
      setDraftError(null);
    } catch (caught) {
      setDraftError(caught instanceof ApiError ? caught : new ApiError(0, "network", "The server cannot be reached"));
    }
  }

  async function saveCell(row: Row, column: Column, input: string | boolean) {
    setEditing(null);
    try {
      const updated = await api.updateRow(sheetId, row, { [column.id]: fromInput(column, input) });
      live.current.put(updated);
      show();
      setCellError(null);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        setNotice("Someone else changed this row; it now shows their version.");
        await load();
        return;
      }
      const message = caught instanceof ApiError ? (caught.detailFor(column.id)?.message ?? caught.message) : "Could not save";
      setCellError({ row: row.id, column: column.id, message });
    }
  }

  async function removeRow(row: Row) {
    await api.deleteRow(sheetId, row.id);
    live.current.remove(row.id);
    show();
  }

  return (
    <section className="grid-view">
      <header>
        <button type="button" className="link" onClick={onBack}>
          ← Sheets
        </button>
        <h2>{sheet.name}</h2>
        <span className="muted">{rows.length} rows</span>
        <span className={`connection ${status}`} role="status" aria-label="Connection">
          {status === "live" ? "Live" : status === "connecting" ? "Connecting…" : "Offline — reconnecting"}
        </span>
        <ul className="presence" aria-label="People here">
          {Object.values(presence)
            .filter((p) => p.connection_id !== me.current)
            .map((p) => (
              <li key={p.connection_id} style={{ borderColor: p.color }} title={p.name}>
                {p.name}
              </li>
            ))}
        </ul>
      </header>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="scroller">
        <table role="grid" aria-label={sheet.name}>
          <thead>
            <tr>
              {sheet.columns.map((column) => (
                <th key={column.id} scope="col">
                  {column.name}
                  {column.is_required && <span aria-label="required"> *</span>}
                </th>
              ))}
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-row={row.id}>
                {sheet.columns.map((column) => {
                  const isEditing = editing?.row === row.id && editing.column === column.id;
                  const error = cellError?.row === row.id && cellError.column === column.id ? cellError.message : undefined;
                  const other = Object.values(presence).find(
                    (p) => p.connection_id !== me.current && p.selection?.from_row === row.id && p.selection.from_column === column.id,
                  );
                  return (
                    <td
                      key={column.id}
                      role="gridcell"
                      data-column={column.id}
                      data-editing-by={other?.name}
                      title={other ? `${other.name} ${other.editing ? "is editing" : "is here"}` : undefined}
                      style={other ? { outline: `2px solid ${other.color}`, outlineOffset: "-2px" } : undefined}
                      className={error ? "invalid" : undefined}
                      onDoubleClick={() => {
                        if (editable) {
                          pending.current = undefined;
                          setEditing({ row: row.id, column: column.id });
                        }
                      }}
                    >
                      {isEditing ? (
                        <CellEditor
                          column={column}
                          value={row.data[column.id]}
                          autoFocus
                          onChange={(input) => {
                            pending.current = input;
                            if (typeof input === "boolean" || column.column_type === "select") {
                              void saveCell(row, column, input);
                            }
                          }}
                          onCommit={() => {
                            const input = pending.current;
                            pending.current = undefined;
                            if (input === undefined) {
                              setEditing(null);
                            } else {
                              void saveCell(row, column, input);
                            }
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      ) : (
                        display(column, row.data[column.id])
                      )}
                      {error && <span className="field-error">{error}</span>}
                    </td>
                  );
                })}
                <td>
                  {editable && (
                    <button type="button" className="link" aria-label="Delete row" onClick={() => void removeRow(row)}>
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          {editable && (
            <tfoot>
              <tr className="new-row" key={draftKey}>
                {sheet.columns.map((column) => {
                  const error = draftError?.detailFor(column.id)?.message;
                  return (
                    <td key={column.id} className={error ? "invalid" : undefined}>
                      <CellEditor column={column} value={undefined} invalid={!!error} onChange={(input) => setDraft((d) => ({ ...d, [column.id]: input }))} />
                      {error && (
                        <span className="field-error" role="alert">
                          {error}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button type="button" onClick={addRow}>
                    Add row
                  </button>
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {draftError && draftError.details.length === 0 && <p role="alert" className="error">{draftError.message}</p>}
    </section>
  );
}
