import { useEffect, useState } from "react";
import { ApiError, type Api } from "../model/api";
import type { SheetSummary } from "../model/types";

/** The sheets the user can open, and a way to start a new sales pipeline. */
export function SheetList({ api, onOpen }: { api: Api; onOpen: (id: string) => void }) {
  const [sheets, setSheets] = useState<SheetSummary[] | null>(null);
  const [name, setName] = useState("Sales pipeline");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.sheets().then(setSheets, (e: unknown) => setError(e instanceof ApiError ? e.message : "Could not load the sheets"));
  }, [api]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    try {
      const sheet = await api.createFromTemplate(name);
      onOpen(sheet.id);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Could not create the sheet");
    }
  }

  return (
    <section className="sheet-list">
      <h2>Your sheets</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {sheets === null ? (
        <p>Loading…</p>
      ) : sheets.length === 0 ? (
        <p>No sheets yet.</p>
      ) : (
        <ul>
          {sheets.map((sheet) => (
            <li key={sheet.id}>
              <button type="button" className="link" onClick={() => onOpen(sheet.id)}>
                {sheet.name}
              </button>{" "}
              <span className="muted">{sheet.role}</span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={create} className="inline">
        <input aria-label="New sheet name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit">New sales pipeline</button>
      </form>
    </section>
  );
}
