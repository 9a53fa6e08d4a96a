import { useEffect, useState } from "react";
import type { Column, Row } from "../model/types";
import { display } from "../model/values";
import type { RowWindows } from "../model/windows";

/** Cards shown at first, and added by each "Show more". */
const STEP = 50;

/**
 * The rows as a list of cards, for narrow screens: each card names its first column's value and
 * lists the other fields. The first rows show; more are read as they are asked for.
 */
export function RowCards({ name, columns, windows }: { name: string; columns: Column[]; windows: RowWindows }) {
  const [count, setCount] = useState(STEP);
  useEffect(() => windows.show(0, count - 1), [windows, count]);
  const [title, ...rest] = columns;
  const total = windows.rowCount;
  const rows = Array.from({ length: Math.min(count, total) }, (_, i) => windows.rowAt(i)).filter((row): row is Row => row !== undefined);
  return (
    <>
      <ul className="row-cards" aria-label={`${name} rows`}>
        {rows.map((row) => (
          <li key={row.id} data-row={row.id}>
            <h3>{title ? display(title, row.data[title.id]) || "(empty)" : row.id}</h3>
            <dl>
              {rest
                .filter((c) => row.data[c.id] !== undefined && row.data[c.id] !== null)
                .map((c) => (
                  <div key={c.id}>
                    <dt>{c.name}</dt>
                    <dd data-column={c.id}>{display(c, row.data[c.id])}</dd>
                  </div>
                ))}
            </dl>
          </li>
        ))}
      </ul>
      {count < total && (
        <button type="button" onClick={() => setCount(count + STEP)}>
          Show more
        </button>
      )}
    </>
  );
}
