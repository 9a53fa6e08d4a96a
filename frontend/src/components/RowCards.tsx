import type { Column, Row } from "../model/types";
import { display } from "../model/values";

/**
 * The rows as a list of cards, for narrow screens: each card names its first column's value and
 * lists the other fields.
 */
export function RowCards({ name, columns, rows }: { name: string; columns: Column[]; rows: Row[] }) {
  const [title, ...rest] = columns;
  return (
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
  );
}
