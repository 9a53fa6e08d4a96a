import {
  DataEditor,
  GridCellKind,
  type EditListItem,
  type GridCell,
  type GridColumn,
  type GridSelection,
  type Item,
  type Rectangle,
  type Theme as GlideTheme,
} from "@glideapps/glide-data-grid";
import "@glideapps/glide-data-grid/dist/index.css";
import { useCallback, useMemo, useState } from "react";
import type { PresenceEntry } from "../model/live";
import type { Column, Row } from "../model/types";
import { display, linkFor } from "../model/values";
import type { RowWindows } from "../model/windows";
import { typedEditor, type ColumnTextCell } from "./GridEditors";

/** A cell someone selected: row and column ids. */
export interface CellRef {
  row: string;
  column: string;
}

/** One cell's new content from the grid: text typed or pasted (read by the server with the column's type), or a checkbox. */
export interface CellEdit {
  row: Row;
  column: Column;
  input: string | boolean;
}

const DARK: Partial<GlideTheme> = {
  accentColor: "#60a5fa",
  accentLight: "rgba(96, 165, 250, 0.2)",
  textDark: "#e6e8eb",
  textMedium: "#b8bec8",
  textLight: "#8b93a1",
  textBubble: "#e6e8eb",
  bgIconHeader: "#9aa3b2",
  fgIconHeader: "#16181d",
  textHeader: "#c9ced6",
  textHeaderSelected: "#16181d",
  bgCell: "#16181d",
  bgCellMedium: "#1f2229",
  bgHeader: "#1f2229",
  bgHeaderHasFocus: "#2a2e37",
  bgHeaderHovered: "#2a2e37",
  bgBubble: "#2a2e37",
  bgBubbleSelected: "#3a3f4b",
  bgSearchResult: "#3b3212",
  borderColor: "rgba(255, 255, 255, 0.12)",
  horizontalBorderColor: "rgba(255, 255, 255, 0.08)",
  drilldownBorder: "rgba(255, 255, 255, 0.2)",
  linkColor: "#60a5fa",
};

/**
 * The sheet as a canvas grid (Glide Data Grid): only the visible cells are drawn, and only the rows
 * around them are held (read a window at a time as the grid scrolls), so a million rows scroll as
 * smoothly as ten; Glide scales its scroller past the browser's element-height limit. The grid never
 * owns the data: it asks the windows for each visible cell, and reports edits, pastes (one batch)
 * and selections.
 * Keyboard: arrows, Tab, Enter, Home/End, Ctrl+Home/End, PageUp/PageDown, Enter, F2 or typing to edit,
 * Esc to cancel, Shift to extend a selection, Ctrl+C / Ctrl+V (tab-separated, as spreadsheets use).
 */
export function DataGrid({
  name,
  columns,
  windows,
  version,
  editable,
  dark,
  presence,
  onEdits,
  onSelect,
  onColumnMoved,
  onHeaderClicked,
  sort,
}: {
  name: string;
  columns: Column[];
  windows: RowWindows;
  /** Changes whenever what the windows hold does (cells are asked for again). */
  version: number;
  editable: boolean;
  dark: boolean;
  /** Others in the sheet: their selected cells are outlined in their colour. */
  presence: PresenceEntry[];
  onEdits: (edits: CellEdit[]) => void;
  onSelect: (cell: CellRef | null) => void;
  /** A column dragged by its header to a new position (0 is first); absent for viewers. */
  onColumnMoved?: (columnId: string, position: number) => void;
  /** A column's header clicked (to sort by it). */
  onHeaderClicked?: (columnId: string) => void;
  /** The view's sort (`column` or `column:desc`): its column's header shows the direction. */
  sort?: string;
}) {
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [selection, setSelection] = useState<GridSelection | undefined>(undefined);

  const gridColumns = useMemo<GridColumn[]>(
    () =>
      columns.map((c) => {
        const direction = sort === c.id || sort === `${c.id}:asc` ? " ↑" : sort === `${c.id}:desc` ? " ↓" : "";
        return { id: c.id, title: (c.is_required ? `${c.name} *` : c.name) + direction, width: widths[c.id] ?? defaultWidth(c) };
      }),
    [columns, widths, sort],
  );

  const cellOf = useCallback(
    (row: Row | undefined, column: Column | undefined): GridCell => {
      if (!row || !column) {
        return { kind: GridCellKind.Loading, allowOverlay: false };
      }
      const value = row.data[column.id];
      if (column.column_type === "boolean") {
        return { kind: GridCellKind.Boolean, data: value === true, allowOverlay: false, readonly: !editable };
      }
      // The text shown is also what is edited, copied and read out: "$12,000.00" reads back as the
      // same amount, as it would in a spreadsheet.
      const text = display(column, value);
      const link = linkFor(column, value);
      if (link !== null) {
        return {
          kind: GridCellKind.Uri,
          data: text,
          allowOverlay: true,
          readonly: !editable,
          hoverEffect: true,
          onClickUri: (e) => {
            e.preventDefault();
            window.open(link, "_blank", "noopener,noreferrer");
          },
        };
      }
      const cell: ColumnTextCell = { kind: GridCellKind.Text, data: text, displayData: text, allowOverlay: true, readonly: !editable, column };
      return cell;
    },
    [editable],
  );

  const getCellContent = useCallback(
    ([col, index]: Item): GridCell => cellOf(windows.rowAt(index), columns[col]),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: the windows changed what they hold
    [windows, version, columns, cellOf],
  );

  // A copied range may reach rows not held: they are read first (a whole column of a big sheet too).
  const getCellsForSelection = useCallback(
    (rect: Rectangle) => {
      const cells = (rows: (Row | undefined)[]) => rows.map((row) => columns.slice(rect.x, rect.x + rect.width).map((column) => cellOf(row, column)));
      const held = Array.from({ length: rect.height }, (_, i) => windows.rowAt(rect.y + i));
      return held.every((row) => row !== undefined) ? cells(held) : async () => cells(await windows.rowsBetween(rect.y, rect.y + rect.height - 1));
    },
    [windows, columns, cellOf],
  );

  const onCellsEdited = useCallback(
    (items: readonly EditListItem[]) => {
      const edits: CellEdit[] = [];
      for (const { location, value } of items) {
        const row = windows.rowAt(location[1]);
        const column = columns[location[0]];
        if (!row || !column) {
          continue;
        }
        if (value.kind === GridCellKind.Boolean) {
          edits.push({ row, column, input: value.data === true });
        } else if (value.kind === GridCellKind.Text || value.kind === GridCellKind.Uri) {
          edits.push({ row, column, input: value.data });
        }
      }
      onEdits(edits);
      return true;
    },
    [windows, columns, onEdits],
  );

  const highlights = useMemo(
    () =>
      presence.flatMap((p) => {
        const y = p.selection ? windows.indexOf(p.selection.from_row) : -1;
        const x = p.selection ? columns.findIndex((c) => c.id === p.selection!.from_column) : -1;
        return y < 0 || x < 0 ? [] : [{ color: `${p.color}55`, range: { x, y, width: 1, height: 1 }, style: "solid-outline" as const }];
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: rows held moved
    [presence, windows, version, columns],
  );

  return (
    <div className="data-grid" role="region" aria-label={name} data-loaded={windows.held}>
      <DataEditor
        columns={gridColumns}
        rows={windows.rowCount}
        getCellContent={getCellContent}
        provideEditor={typedEditor}
        getCellsForSelection={getCellsForSelection}
        onVisibleRegionChanged={(region) => windows.show(region.y, region.y + region.height)}
        onCellsEdited={onCellsEdited}
        onPaste={editable}
        fillHandle={editable}
        rowMarkers="number"
        freezeColumns={1}
        smoothScrollX
        smoothScrollY
        width="100%"
        height="100%"
        theme={dark ? DARK : undefined}
        highlightRegions={highlights}
        gridSelection={selection}
        onGridSelectionChange={(next) => {
          setSelection(next);
          const cell = next.current?.cell;
          const row = cell ? windows.rowAt(cell[1]) : undefined;
          const column = cell ? columns[cell[0]] : undefined;
          onSelect(row && column ? { row: row.id, column: column.id } : null);
        }}
        onColumnResize={(column, size) => setWidths((w) => ({ ...w, [String(column.id)]: size }))}
        onColumnMoved={onColumnMoved && ((from, to) => columns[from] && onColumnMoved(columns[from].id, to))}
        onHeaderClicked={onHeaderClicked && ((index) => columns[index] && onHeaderClicked(columns[index].id))}
        keybindings={KEYS}
      />
    </div>
  );
}

/** Spreadsheet keys: F2 edits as Enter does; Ctrl+D / Ctrl+R fill down and right; Ctrl+F is the sheet's quick search. */
const KEYS = { search: false, selectAll: true, copy: true, paste: true, downFill: true, rightFill: true, activateCell: " |Enter|shift+Enter|F2" };

function defaultWidth(column: Column): number {
  switch (column.column_type) {
    case "boolean":
      return 90;
    case "date":
    case "percent":
    case "number":
      return 120;
    case "long_text":
      return 260;
    default:
      return 160;
  }
}
