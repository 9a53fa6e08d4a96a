import { useCallback, useEffect, useState } from "react";
import { ApiError, type Api } from "../model/api";
import type { ActivityEntry, Column } from "../model/types";
import { plain } from "../model/values";

const ACTIONS: Record<string, string> = {
  row_created: "added a row",
  row_deleted: "deleted a row",
  row_moved: "moved a row",
  cell_updated: "changed",
  schema_changed: "changed the columns",
};

/** The sheet's audit log (or one row's history), newest first: who changed what, when, from what to what. */
export function ActivityLog({
  api,
  sheetId,
  columns,
  rowId,
  title = "Activity",
}: {
  api: Api;
  sheetId: string;
  columns: Column[];
  rowId?: string;
  title?: string;
}) {
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.activity(sheetId, rowId).then(setEntries, (e: unknown) => setError(e instanceof ApiError ? e.message : "Could not load the activity"));
  }, [api, sheetId, rowId]);

  useEffect(() => load(), [load]);

  const name = (id: string | null) => columns.find((c) => c.id === id)?.name ?? id ?? "";
  return (
    <section className="side-panel" aria-label={title}>
      <header className="inline">
        <h3>{title}</h3>
        <button type="button" className="link" onClick={load}>
          Refresh
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      <ol className="activity">
        {(entries ?? []).map((e) => (
          <li key={e.id}>
            <span className="muted">{new Date(e.at).toLocaleString()}</span> {e.user_email ?? "someone"} {ACTIONS[e.action] ?? e.action}
            {e.action === "cell_updated" && (
              <>
                {" "}
                {name(e.column_id)}: <del>{value(e.old_value)}</del> → <ins>{value(e.new_value)}</ins>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function value(v: ActivityEntry["new_value"]): string {
  if (v === null) {
    return "(empty)";
  }
  if (typeof v === "object" && !Array.isArray(v) && "amount" in v) {
    return `${plain(v.amount)} ${plain(v.currency ?? "")}`.trim();
  }
  return plain(v);
}
