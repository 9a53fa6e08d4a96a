/** How a figure is made: its formula and the deals behind it, as a table. */
export interface Explanation {
  title: string;
  formula: string;
  columns: string[];
  rows: string[][];
}

/** The panel that shows the derivation of the figure last clicked. */
export function ExplanationPanel({ explanation, onClose }: { explanation: Explanation; onClose: () => void }) {
  return (
    <aside className="explanation" aria-label="How this figure is made">
      <header>
        <h3>{explanation.title}</h3>
        <button type="button" className="link" onClick={onClose} aria-label="Close explanation">
          ✕
        </button>
      </header>
      <p>{explanation.formula}</p>
      {explanation.rows.length === 0 ? <p className="muted">No deals.</p> : <Table columns={explanation.columns} rows={explanation.rows} />}
    </aside>
  );
}

/** A figure people can click to see how it is made. */
export function Figure({ name, value, onExplain }: { name: string; value: string; onExplain: () => void }) {
  return (
    <button type="button" className="figure" aria-label={`${name}: ${value}`} onClick={onExplain}>
      <span className="figure-name">{name}</span>
      <span className="figure-value">{value}</span>
    </button>
  );
}

/** A plain table of text: a header row and the rows. */
export function Table({ columns, rows }: { columns: string[]; rows: string[][] }) {
  return (
    <table>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
