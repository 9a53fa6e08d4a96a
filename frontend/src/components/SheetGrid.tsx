import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, type Api } from "../model/api";
import type { Column, JsonValue, Row } from "../model/types";
import { display, fromInput } from "../model/values";
import { CellEditor } from "./CellEditor";
import { useLiveSheet } from "./useLiveSheet";
import { ConnectionBadge } from "./ConnectionBadge";
import { ActivityLog } from "./ActivityLog";
import { RowCards } from "./RowCards";
import { SharePanel } from "./SharePanel";
import { useMediaQuery } from "./useMediaQuery";

type Draft = Record<string, string | boolean>;

/** A sheet as a grid: typed editors, a row to add new rows, inline errors per cell. */
export function SheetGrid({ api, sheetId }: { api: Api; sheetId: string }) {
  const { sheet, rows, status, presence, me, socket, notice, setNotice, put, remove, reload } = useLiveSheet(api, sheetId);
  const [draft, setDraft] = useState<Draft>({});
  const [draftKey, setDraftKey] = useState(0);
  const [draftError, setDraftError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<{ row: string; column: string } | null>(null);
  const [cellError, setCellError] = useState<{ row: string; column: string; message: string } | null>(null);
  /** What the open cell editor holds, committed on Enter or when it loses focus. */
  const pending = useRef<string | boolean | undefined>(undefined);
  const [panel, setPanel] = useState<"share" | "activity" | null>(null);
  /** Phones get the rows as cards. */
  const narrow = useMediaQuery("(max-width: 640px)");

  /** Tells the others which cell this user is editing (null: none). */
  const announce = useCallback(
    (cell: { row: string; column: string } | null) => {
      socket.current?.select(cell ? { from_row: cell.row, from_column: cell.column, to_row: cell.row, to_column: cell.column } : null, cell !== null);
    },
    [socket],
  );

  useEffect(() => announce(editing), [editing, announce]);

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
      put(await api.addRow(sheetId, data));
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
      put(await api.updateRow(sheetId, row, { [column.id]: fromInput(column, input) }));
      setCellError(null);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        setNotice("Someone else changed this row; it now shows their version.");
        await reload();
        return;
      }
      const message = caught instanceof ApiError ? (caught.detailFor(column.id)?.message ?? caught.message) : "Could not save";
      setCellError({ row: row.id, column: column.id, message });
    }
  }

  async function removeRow(row: Row) {
    await api.deleteRow(sheetId, row.id);
    remove(row.id);
  }

  return (
    <section className="grid-view">
      <header className="view-header">
        <h2>{sheet.name}</h2>
        <span className="muted">{rows.length} rows</span>
        <ConnectionBadge status={status} presence={presence} me={me.current} />
        <span className="header-actions">
          <button type="button" className="tab" aria-pressed={panel === "share"} onClick={() => setPanel(panel === "share" ? null : "share")}>
            Share
          </button>
          <button type="button" className="tab" aria-pressed={panel === "activity"} onClick={() => setPanel(panel === "activity" ? null : "activity")}>
            Activity
          </button>
        </span>
      </header>
      {panel === "share" && <SharePanel api={api} sheet={sheet} onChanged={() => void reload()} />}
      {panel === "activity" && <ActivityLog api={api} sheetId={sheetId} columns={sheet.columns} />}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {narrow && <RowCards name={sheet.name} columns={sheet.columns} rows={rows} />}
      <div className={narrow ? "scroller narrow" : "scroller"}>
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
      {draftError && draftError.details.length === 0 && (
        <p role="alert" className="error">
          {draftError.message}
        </p>
      )}
    </section>
  );
}
