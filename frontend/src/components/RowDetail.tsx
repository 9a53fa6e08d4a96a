import type { Api } from "../model/api";
import type { Column, Row } from "../model/types";
import { display } from "../model/values";
import { ActivityLog } from "./ActivityLog";

/** One row in full: every field, and the row's history from the audit log. */
export function RowDetail({ api, sheetId, columns, row, onClose }: { api: Api; sheetId: string; columns: Column[]; row: Row; onClose: () => void }) {
  return (
    <section className="side-panel row-detail" aria-label="Row details">
      <header className="inline">
        <h3>Row details</h3>
        <button type="button" className="link" onClick={onClose} aria-label="Close row details">
          ✕
        </button>
      </header>
      <dl>
        {columns.map((c) => (
          <div key={c.id}>
            <dt>{c.name}</dt>
            <dd data-column={c.id}>{display(c, row.data[c.id]) || "—"}</dd>
          </div>
        ))}
      </dl>
      <ActivityLog key={`${row.id}:${row.version}`} api={api} sheetId={sheetId} columns={columns} rowId={row.id} title="History" />
    </section>
  );
}
