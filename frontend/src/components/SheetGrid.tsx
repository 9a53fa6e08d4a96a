import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, NO_VIEW, narrowsOrSorts, problemText, type Api, type RowView } from "../model/api";
import { EditRefused, offline } from "../model/socket";
import type { JsonValue, Row, SavedView, ViewSettings } from "../model/types";
import { fromInput } from "../model/values";
import { ActivityLog } from "./ActivityLog";
import { ColumnsPanel } from "./ColumnsPanel";
import { ConnectionBadge } from "./ConnectionBadge";
import { DataGrid, type CellEdit, type CellRef } from "./DataGrid";
import { ImportPanel } from "./ImportPanel";
import { NewRowForm } from "./NewRowForm";
import { RowCards } from "./RowCards";
import { RowDetail } from "./RowDetail";
import { SavedViewsMenu } from "./SavedViewsMenu";
import { SharePanel } from "./SharePanel";
import { useSheetWindows } from "./useLiveSheet";
import { useDocumentTheme } from "./useDocumentTheme";
import { useMediaQuery } from "./useMediaQuery";
import { ViewBar } from "./ViewBar";

/**
 * A sheet: the grid (cards on phones), a form to add rows, sharing and activity. Edits go through
 * the live socket like everyone's: one cell, or a paste or fill of many as one edit (over REST row by
 * row while the socket is down). Whatever the server refuses is reported per cell.
 */
export function SheetGrid({ api, sheetId }: { api: Api; sheetId: string }) {
  const [view, setView] = useState<RowView>(NO_VIEW);
  /** Columns hidden from this browser's grid (a preference of the person, kept in the browser). */
  const [hidden, setHidden] = useState<string[]>(() => loadHidden(sheetId));
  const { sheet, windows, version, status, presence, me, socket, notice, setNotice, put, reload } = useSheetWindows(api, sheetId, view);
  const inView = narrowsOrSorts(view);
  /** The sheet's saved views, and the one in use. */
  const [views, setViews] = useState<SavedView[]>([]);
  const [activeView, setActiveView] = useState<SavedView | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const [panel, setPanel] = useState<"share" | "activity" | "detail" | "columns" | "import" | null>(null);
  /** The file being imported (dropped on the sheet or chosen). */
  const [importing, setImporting] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  /**
   * The import this user finished here last, while it is still their latest change of the sheet:
   * Ctrl+Z takes it back as one step. Any edit of theirs after it makes Ctrl+Z undo that edit instead.
   */
  const lastImport = useRef<string | null>(null);
  /** The row of the selected cell, for the row details. */
  const [selectedRow, setSelectedRow] = useState<string | null>(null);
  /** Phones get the rows as cards. */
  const narrow = useMediaQuery("(max-width: 640px)");
  const theme = useDocumentTheme();

  const select = useCallback(
    (cell: CellRef | null) => {
      if (cell) {
        setSelectedRow(cell.row);
      }
      socket.current?.select(cell ? { from_row: cell.row, from_column: cell.column, to_row: cell.row, to_column: cell.column } : null, false);
    },
    [socket],
  );

  const save = useCallback(
    async (edits: CellEdit[]) => {
      lastImport.current = null;
      const problems: string[] = [];
      /** Whether the server refused a multi-cell edit as a whole (then nothing of it was saved). */
      let refusedWhole = false;
      const rowNumber = (row: Row) => (windows?.indexOf(row.id) ?? -1) + 1;
      const where = (edit: CellEdit) => `${edit.column.name}, row ${rowNumber(edit.row)}`;
      if (edits.length === 1) {
        const [edit] = edits;
        const value = fromInput(edit.column, edit.input);
        try {
          await (socket.current ?? offline()).updateCell(edit.row.id, edit.column.id, value);
        } catch (refused) {
          if (refused instanceof EditRefused && refused.reason === "offline") {
            await saveRow(edit.row, [edit], problems);
          } else if (refused instanceof EditRefused && refused.details.length > 0) {
            // The cell's own reason ("must be at least $0.00"), not the edit's summary.
            refused.details.forEach((detail) => problems.push(`${where(edit)}: ${detail.message}`));
          } else {
            problems.push(`${where(edit)}: ${refused instanceof Error ? refused.message : "refused"}`);
          }
        }
      } else {
        // A paste or fill is one edit: stored whole or refused whole, and undone with one Ctrl+Z.
        const cells = edits.map((e) => ({ row_id: e.row.id, column_id: e.column.id, value: fromInput(e.column, e.input) }));
        try {
          await (socket.current ?? offline()).updateCells(cells);
        } catch (refused) {
          if (refused instanceof EditRefused && refused.reason === "offline") {
            // Without the socket, row by row over REST (each row whole or not at all).
            const byRow = new Map<Row, CellEdit[]>();
            edits.forEach((e) => byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]));
            for (const [row, rowEdits] of byRow) {
              await saveRow(row, rowEdits, problems);
            }
          } else if (refused instanceof EditRefused && refused.details.length > 0) {
            refusedWhole = true;
            for (const detail of refused.details) {
              const edit = edits.find((e) => detail.field === `cells.${e.row.id}.${e.column.id}`);
              problems.push(`${edit ? where(edit) : detail.field}: ${detail.message}`);
            }
          } else {
            problems.push(refused instanceof Error ? refused.message : "refused");
          }
        }
      }
      setNotice(
        problems.length === 0
          ? null
          : refusedWhole
            ? `The paste was not saved (${problems.length} of ${edits.length} cells were refused) — ${problems.join("; ")}`
            : `${problems.length} of ${edits.length} cells were not saved — ${problems.join("; ")}`,
      );

      async function saveRow(row: Row, rowEdits: CellEdit[], into: string[]) {
        const data: Record<string, JsonValue> = {};
        rowEdits.forEach((e) => (data[e.column.id] = fromInput(e.column, e.input)));
        try {
          put(await api.updateRow(sheetId, row, data));
        } catch (caught) {
          if (caught instanceof ApiError && caught.details.length > 0) {
            rowEdits.forEach((e) => {
              const detail = caught.detailFor(e.column.id);
              if (detail) {
                into.push(`${where(e)}: ${detail.message}`);
              }
            });
          } else {
            into.push(`row ${rowNumber(row)}: ${caught instanceof ApiError ? caught.message : "could not be saved"}`);
          }
        }
      }
    },
    [api, sheetId, windows, socket, put, setNotice],
  );

  const onEdits = useCallback((edits: CellEdit[]) => void save(edits), [save]);

  useEffect(() => {
    api
      .views(sheetId)
      .then(setViews)
      .catch(() => setViews([]));
  }, [api, sheetId]);

  // Ctrl+F (Cmd+F) searches the whole sheet on the server, not only the rows the browser holds.
  // Ctrl+Z undoes this user's last edit of the sheet (a whole paste at once), Ctrl+Shift+Z or Ctrl+Y
  // makes it again; inside a text field they stay the field's own.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      if (!(e.ctrlKey || e.metaKey)) {
        return;
      }
      if (key === "f" && searchRef.current) {
        e.preventDefault();
        searchRef.current.focus();
        searchRef.current.select();
        return;
      }
      const target = e.target as HTMLElement | null;
      const inField =
        target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target?.isContentEditable;
      if ((key === "z" || key === "y") && !inField && socket.current) {
        e.preventDefault();
        const redo = key === "y" || e.shiftKey;
        if (!redo && lastImport.current) {
          const id = lastImport.current;
          lastImport.current = null;
          api.undoImport(id).then(
            () => setNotice("Undoing the import…"),
            (refused: unknown) => setNotice(`Could not undo the import: ${problemText(refused)}`),
          );
          return;
        }
        (redo ? socket.current.redo() : socket.current.undo()).then(
          () => setNotice(null),
          (refused: unknown) => setNotice(`Could not ${redo ? "redo" : "undo"}: ${refused instanceof Error ? refused.message : "refused"}`),
        );
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [api, socket, setNotice]);

  const changeHidden = useCallback(
    (next: string[]) => {
      setHidden(next);
      window.localStorage.setItem(HIDDEN_KEY + sheetId, JSON.stringify(next));
    },
    [sheetId],
  );
  const current: ViewSettings = { sort: view.sort ?? null, filters: view.filters, q: view.q ?? null, hidden };
  const pickView = (picked: SavedView | null) => {
    setActiveView(picked);
    setNotice(null);
    setView(picked ? { sort: picked.sort ?? undefined, filters: picked.filters, q: picked.q ?? undefined } : NO_VIEW);
    changeHidden(picked ? picked.hidden : []);
  };
  const refused = (e: unknown) => {
    setNotice(problemText(e));
    return false;
  };
  // Others in the sheet, kept as the same array while nothing about them changes: this client's own
  // presence coming back from the server must not re-render the grid (it would close an open editor).
  const othersKey = JSON.stringify(
    Object.values(presence)
      .filter((p) => p.connection_id !== me.current)
      .map((p) => [p.connection_id, p.color, p.selection]),
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content, on purpose
  const others = useMemo(() => Object.values(presence).filter((p) => p.connection_id !== me.current), [othersKey]);

  // The selected row, from the windows while held; read on its own once scrolled far out of them.
  const heldDetail = selectedRow ? windows?.find(selectedRow) : undefined;
  const [readDetail, setReadDetail] = useState<Row | null>(null);
  useEffect(() => {
    if (panel === "detail" && selectedRow && !heldDetail) {
      api
        .row(sheetId, selectedRow)
        .then(setReadDetail)
        .catch(() => setReadDetail(null));
    }
  }, [api, sheetId, panel, selectedRow, heldDetail]);

  if (!sheet || !windows) {
    return <p>{notice ?? "Loading…"}</p>;
  }
  const editable = sheet.role !== "viewer";
  const detailRow = heldDetail ?? (readDetail?.id === selectedRow ? readDetail : undefined);
  const total = windows.total;
  const shownColumns = sheet.columns.filter((c) => !hidden.includes(c.id));

  /** The rows of this view, with the shown columns, as a file the browser saves. */
  async function download(format: "csv" | "xlsx") {
    try {
      const { blob, fileName } = await api.exportFile(
        sheetId,
        format,
        view,
        shownColumns.map((c) => c.id),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setNotice(problemText(e));
    }
  }

  const chooseFile = (file: File | undefined) => {
    if (file) {
      setImporting(file);
      setPanel("import");
    }
  };

  return (
    <section
      className="grid-view"
      onDragOver={(e) => {
        if (editable && e.dataTransfer.types.includes("Files")) {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={(e) => {
        if (editable && e.dataTransfer.files.length > 0) {
          e.preventDefault();
          chooseFile(e.dataTransfer.files[0]);
        }
      }}
    >
      <header className="view-header">
        <h2>{sheet.name}</h2>
        <span className="muted" aria-live="polite">
          {total === null ? "Counting rows…" : `${count(total)} ${total === 1 ? "row" : "rows"}${inView ? " in this view" : ""}`}
        </span>
        <ConnectionBadge status={status} presence={presence} me={me.current} columns={sheet.columns} rowIndex={(id) => windows.indexOf(id)} />
        <span className="header-actions">
          <button type="button" className="tab" aria-pressed={panel === "share"} onClick={() => setPanel(panel === "share" ? null : "share")}>
            Share
          </button>
          <button
            type="button"
            className="tab"
            aria-pressed={panel === "detail"}
            disabled={!selectedRow}
            title={selectedRow ? undefined : "Select a cell first"}
            onClick={() => setPanel(panel === "detail" ? null : "detail")}
          >
            Row details
          </button>
          {sheet.role !== "viewer" && (
            <button type="button" className="tab" aria-pressed={panel === "columns"} onClick={() => setPanel(panel === "columns" ? null : "columns")}>
              Columns
            </button>
          )}
          <button type="button" className="tab" aria-pressed={panel === "activity"} onClick={() => setPanel(panel === "activity" ? null : "activity")}>
            Activity
          </button>
          {editable && (
            <>
              <button
                type="button"
                className="tab"
                aria-pressed={panel === "import"}
                title="Import a CSV or Excel file (or drop one on the sheet)"
                onClick={() => fileInput.current?.click()}
              >
                Import
              </button>
              <input
                ref={fileInput}
                type="file"
                hidden
                aria-label="File to import"
                accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  chooseFile(e.target.files?.[0]);
                  e.target.value = "";
                }}
              />
            </>
          )}
          <select
            className="tab"
            aria-label="Export"
            value=""
            onChange={(e) => {
              const format = e.target.value as "csv" | "xlsx";
              if (format) {
                void download(format);
              }
            }}
          >
            <option value="">Export…</option>
            <option value="csv">CSV</option>
            <option value="xlsx">Excel (.xlsx)</option>
          </select>
        </span>
      </header>
      {panel === "share" && <SharePanel api={api} sheet={sheet} onChanged={() => void reload()} />}
      {panel === "columns" && (
        <ColumnsPanel
          api={api}
          sheet={sheet}
          onChanged={() => void reload()}
          hidden={hidden}
          onHiddenChange={(next) => {
            changeHidden(next);
          }}
        />
      )}
      {panel === "import" && importing && (
        <ImportPanel
          api={api}
          sheet={sheet}
          file={importing}
          onClose={() => {
            setPanel(null);
            setImporting(null);
          }}
          onImported={(job) => {
            lastImport.current = job.id;
          }}
        />
      )}
      {panel === "activity" && <ActivityLog api={api} sheetId={sheetId} columns={sheet.columns} />}
      {panel === "detail" && detailRow && <RowDetail api={api} sheetId={sheetId} columns={sheet.columns} row={detailRow} onClose={() => setPanel(null)} />}
      {/* Messages float over the page: the grid never moves under the pointer when one comes or goes. */}
      <div className="toasts">
        {notice && (
          <p role="status" className="notice">
            {notice}
            <button type="button" className="link" aria-label="Dismiss" onClick={() => setNotice(null)}>
              ×
            </button>
          </p>
        )}
        {windows.failure !== null && (
          <p role="status" className="notice">
            Could not read the rows: {problemText(windows.failure)}
          </p>
        )}
      </div>
      {!narrow && (
        <ViewBar
          columns={sheet.columns}
          view={view}
          searchRef={searchRef}
          onChange={(next) => {
            setView(next);
            setNotice(null);
          }}
        >
          <SavedViewsMenu
            views={views}
            active={activeView}
            current={current}
            editable={editable}
            onPick={pickView}
            onSave={(name) =>
              api
                .saveView(sheetId, { name, ...current })
                .then((saved) => {
                  setViews((all) => [...all, saved].sort((a, b) => a.name.localeCompare(b.name)));
                  setActiveView(saved);
                  return true;
                })
                .catch(refused)
            }
            onUpdate={(target) =>
              api
                .updateView(sheetId, target.id, { name: target.name, ...current })
                .then((saved) => {
                  setViews((all) => all.map((v) => (v.id === saved.id ? saved : v)));
                  setActiveView(saved);
                })
                .catch(refused)
            }
            onDelete={(target) =>
              api
                .deleteView(sheetId, target.id)
                .then(() => {
                  setViews((all) => all.filter((v) => v.id !== target.id));
                  setActiveView(null);
                })
                .catch(refused)
            }
          />
        </ViewBar>
      )}
      {narrow ? (
        <RowCards name={sheet.name} columns={shownColumns} windows={windows} />
      ) : (
        <DataGrid
          name={sheet.name}
          columns={shownColumns}
          windows={windows}
          version={version}
          editable={editable}
          dark={theme === "dark"}
          presence={others}
          onEdits={onEdits}
          sort={view.sort}
          onHeaderClicked={(columnId) =>
            setView((v) => ({
              ...v,
              // Ascending, then descending, then back to the sheet's order.
              sort: v.sort === columnId ? `${columnId}:desc` : v.sort === `${columnId}:desc` ? undefined : columnId,
            }))
          }
          onColumnMoved={
            editable
              ? (columnId, position) =>
                  void api
                    // The grid counts shown columns only; the sheet counts them all.
                    .updateColumn(sheetId, columnId, { position: sheet.columns.findIndex((c) => c.id === shownColumns[position]?.id) })
                    .then(() => reload())
                    .catch((e: unknown) => setNotice(e instanceof ApiError ? e.message : "Could not move the column"))
              : undefined
          }
          onSelect={select}
        />
      )}
      {editable && (
        <NewRowForm
          columns={sheet.columns}
          onAdd={async (data) => {
            put(await api.addRow(sheetId, data));
          }}
        />
      )}
    </section>
  );
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

const HIDDEN_KEY = "contrivance.hidden.";

function loadHidden(sheetId: string): string[] {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(HIDDEN_KEY + sheetId) ?? "[]");
    return Array.isArray(saved) ? saved.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}
