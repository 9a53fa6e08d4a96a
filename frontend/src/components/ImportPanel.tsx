import { useEffect, useRef, useState } from "react";
import { problemText, type Api } from "../model/api";
import type { ImportJob, ImportOptions, ImportPreview, Sheet } from "../model/types";

const LOCALES: [string, string][] = [
  ["", "As the sheet reads them"],
  ["en-US", "United States (1,234.56 · 12/31/2026)"],
  ["en-GB", "United Kingdom (1,234.56 · 31/12/2026)"],
  ["de-DE", "Germany (1.234,56 · 31.12.2026)"],
  ["fr-FR", "France (1 234,56 · 31/12/2026)"],
  ["ISO", "ISO (1234.56 · 2026-12-31)"],
];

/**
 * Importing a CSV or XLSX file into the sheet: a preview of where each file column goes (which the
 * user may change), the mode, then live progress with a bar, the refused rows, and undo.
 */
export function ImportPanel({
  api,
  sheet,
  file,
  onClose,
  onImported,
}: {
  api: Api;
  sheet: Sheet;
  file: File;
  onClose: () => void;
  /** The import finished and wrote rows: the grid's undo may now take it back. */
  onImported: (job: ImportJob) => void;
}) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [options, setOptions] = useState<ImportOptions>({ mode: "append", on_error: "skip" });
  const [job, setJob] = useState<ImportJob | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const idempotencyKey = useRef(crypto.randomUUID());
  // The parent's callback, read when an import ends: polling must not restart whenever it re-renders.
  const imported = useRef(onImported);
  imported.current = onImported;

  useEffect(() => {
    let live = true;
    setPreview(null);
    setJob(null);
    idempotencyKey.current = crypto.randomUUID();
    api
      .importPreview(sheet.id, file, { locale: options.locale })
      .then((p) => {
        if (live) {
          setPreview(p);
          setMapping(p.mapping ?? {});
          setProblem(null);
        }
      })
      .catch((e: unknown) => live && setProblem(problemText(e)));
    return () => {
      live = false;
    };
    // The preview is read again only for another file or another locale.
  }, [api, sheet.id, file, options.locale]);

  // Follow a running import (or undo) until it ends.
  useEffect(() => {
    if (!job || (job.state !== "running" && job.state !== "undoing")) {
      return;
    }
    const timer = window.setTimeout(() => {
      api
        .importJob(job.id)
        .then((next) => {
          setJob(next);
          if (job.state === "running" && next.state === "done" && next.rows_written > 0 && !next.dry_run) {
            imported.current(next);
          }
        })
        .catch((e: unknown) => setProblem(problemText(e)));
    }, 400);
    return () => window.clearTimeout(timer);
  }, [api, job]);

  async function start() {
    setProblem(null);
    try {
      setJob(await api.startImport(sheet.id, file, { ...options, mapping }, idempotencyKey.current));
    } catch (e) {
      setProblem(problemText(e));
    }
  }

  async function act(action: (id: string) => Promise<ImportJob>) {
    if (!job) {
      return;
    }
    try {
      setJob(await action(job.id));
    } catch (e) {
      setProblem(problemText(e));
    }
  }

  async function report() {
    if (!job) {
      return;
    }
    const url = URL.createObjectURL(await api.importErrors(job.id));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${file.name.replace(/\.[^.]+$/, "")} - refused rows.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const mapped = Object.values(mapping).filter((v) => v).length;
  return (
    <section className="side-panel import-panel" aria-label="Import">
      <header className="panel-header">
        <h3>Import {file.name}</h3>
        <button type="button" className="link" aria-label="Close import" onClick={onClose}>
          ×
        </button>
      </header>
      {problem && (
        <p role="alert" className="notice">
          {problem}
        </p>
      )}
      {!preview && !problem && <p>Reading the file…</p>}
      {preview && !job && (
        <>
          <p className="muted">
            {preview.file.format === "csv"
              ? `CSV, ${preview.file.encoding}, separated by ${preview.file.delimiter === "\\t" ? "tabs" : `"${preview.file.delimiter}"`}`
              : `Excel worksheet ${preview.file.worksheet}`}
            . Choose where each column of the file goes.
          </p>
          <table className="import-mapping">
            <thead>
              <tr>
                <th scope="col">File column</th>
                <th scope="col">Goes to</th>
                <th scope="col">Examples</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((c) => (
                <tr key={c.index}>
                  <td>{c.header}</td>
                  <td>
                    <select
                      aria-label={`Column for ${c.header}`}
                      value={mapping[c.header] ?? ""}
                      onChange={(e) => setMapping({ ...mapping, [c.header]: e.target.value || null })}
                    >
                      <option value="">— skip —</option>
                      {sheet.columns.map((col) => (
                        <option key={col.id} value={col.id}>
                          {col.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{c.samples.slice(0, 3).join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="import-options">
            <label>
              Rows
              <select value={options.mode} onChange={(e) => setOptions({ ...options, mode: e.target.value as ImportOptions["mode"] })}>
                <option value="append">Add them to the sheet</option>
                <option value="upsert">Update rows with the same key, add the others</option>
                <option value="replace">Replace every row of the sheet</option>
              </select>
            </label>
            {options.mode === "upsert" && (
              <label>
                Key column
                <select value={options.key ?? ""} onChange={(e) => setOptions({ ...options, key: e.target.value || undefined })}>
                  <option value="">Choose…</option>
                  {sheet.columns.map((col) => (
                    <option key={col.id} value={col.id}>
                      {col.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Numbers and dates
              <select value={options.locale ?? ""} onChange={(e) => setOptions({ ...options, locale: e.target.value || undefined })}>
                {LOCALES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Rows that break a rule
              <select value={options.on_error} onChange={(e) => setOptions({ ...options, on_error: e.target.value as ImportOptions["on_error"] })}>
                <option value="skip">Skip them and import the rest</option>
                <option value="abort">Import nothing</option>
              </select>
            </label>
          </div>
          <p>
            <button type="button" className="primary" disabled={mapped === 0 || (options.mode === "upsert" && !options.key)} onClick={() => void start()}>
              Import
            </button>
          </p>
        </>
      )}
      {job && <Progress job={job} />}
      {job?.state === "running" && (
        <button type="button" onClick={() => void act((id) => api.cancelImport(id))}>
          Cancel import
        </button>
      )}
      {job && job.rows_refused > 0 && (
        <div className="import-refused">
          <h4>
            {job.rows_refused.toLocaleString()} {job.rows_refused === 1 ? "row" : "rows"} refused
          </h4>
          <table>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Value</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {job.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>{e.column ?? ""}</td>
                  <td>{e.value ?? ""}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="link" onClick={() => void report()}>
            Download the report (CSV)
          </button>
        </div>
      )}
      {job?.state === "done" && job.rows_written > 0 && !job.dry_run && (
        <button type="button" onClick={() => void act((id) => api.undoImport(id))}>
          Undo import
        </button>
      )}
    </section>
  );
}

function Progress({ job }: { job: ImportJob }) {
  const running = job.state === "running" || job.state === "undoing";
  const words: Record<ImportJob["state"], string> = {
    running: "Importing…",
    done: job.dry_run ? "Dry run done: nothing was written" : "Imported",
    failed: "The import failed",
    cancelled: "Cancelled: nothing was imported",
    undoing: "Undoing the import…",
    undone: "The import was undone",
  };
  return (
    <div className="import-progress" aria-live="polite">
      <p>
        <strong>{words[job.state]}</strong>
        {job.error ? `: ${job.error}` : ""}
      </p>
      {running && (
        <progress aria-label="Import progress" max={1} value={job.progress ?? undefined}>
          {job.progress !== undefined ? `${Math.round(job.progress * 100)} %` : ""}
        </progress>
      )}
      <p className="muted">
        {job.rows_read.toLocaleString()} rows read · {job.rows_written.toLocaleString()} written ({job.rows_added.toLocaleString()} added,{" "}
        {job.rows_updated.toLocaleString()} updated{job.rows_deleted > 0 ? `, ${job.rows_deleted.toLocaleString()} replaced` : ""}) ·{" "}
        {job.rows_refused.toLocaleString()} refused
        {running && job.rate ? ` · ${job.rate.toLocaleString()} rows/s` : ""}
        {running && job.seconds_left !== undefined ? ` · about ${formatSeconds(job.seconds_left)} left` : ""}
      </p>
    </div>
  );
}

function formatSeconds(seconds: number): string {
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
