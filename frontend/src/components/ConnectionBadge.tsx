import type { PresenceEntry } from "../model/live";
import type { Column } from "../model/types";
import type { Status } from "./useLiveSheet";

/** The live connection's state and who else is in the sheet, with the cell each of them is on (when the rows are known). */
export function ConnectionBadge({
  status,
  presence,
  me,
  columns = [],
  rowIndex = () => -1,
}: {
  status: Status;
  presence: Record<string, PresenceEntry>;
  me: string | null;
  columns?: Column[];
  /** Where a row is in the view (0 is the first), -1 when not known here. */
  rowIndex?: (rowId: string) => number;
}) {
  const where = (p: PresenceEntry) => {
    const column = columns.find((c) => c.id === p.selection?.from_column);
    const index = p.selection ? rowIndex(p.selection.from_row) : -1;
    return column && index >= 0 ? `${column.name}, row ${index + 1}` : undefined;
  };
  return (
    <>
      <span className={`connection ${status}`} role="status" aria-label="Connection">
        {status === "live" ? "Live" : status === "connecting" ? "Connecting…" : "Offline — reconnecting"}
      </span>
      <ul className="presence" aria-label="People here">
        {Object.values(presence)
          .filter((p) => p.connection_id !== me)
          .map((p) => (
            <li key={p.connection_id} style={{ borderColor: p.color }} title={where(p) ? `${p.name} is on ${where(p)}` : p.name} data-cell={where(p)}>
              {p.name}
            </li>
          ))}
      </ul>
    </>
  );
}
