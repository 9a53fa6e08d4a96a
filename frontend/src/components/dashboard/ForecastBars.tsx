import { money, STACK, type Forecast } from "../../model/forecast";

const COLORS: Record<string, string> = { closed: "#15803d", commit: "#2563eb", best_case: "#7c3aed", pipeline: "#94a3b8" };

/**
 * Forecast by period as stacked categories (each category's own deals, raw amounts) against the
 * quota, drawn as a line across its period. Clicking a segment explains it.
 */
export function ForecastBars({
  forecasts,
  currency,
  onSegment,
}: {
  forecasts: Forecast[];
  currency: string;
  onSegment: (forecast: Forecast, category: (typeof STACK)[number]) => void;
}) {
  const height = 180;
  const barWidth = 56;
  const gap = 40;
  const max = Math.max(
    1,
    ...forecasts.map((f) =>
      Math.max(
        STACK.reduce((sum, s) => sum + f.categories[s.category].amount, 0),
        f.quota?.quota ?? 0,
      ),
    ),
  );
  const scale = (v: number) => (v / max) * height;
  return (
    <svg className="chart" role="img" aria-label="Forecast by period against quota" viewBox={`0 0 ${forecasts.length * (barWidth + gap) + gap} ${height + 40}`}>
      {forecasts.map((f, i) => {
        const x = gap + i * (barWidth + gap);
        let y = height;
        return (
          <g key={f.period.label}>
            {STACK.map((s) => {
              const h = scale(f.categories[s.category].amount);
              y -= h;
              return h > 0 ? (
                <rect
                  key={s.category}
                  x={x}
                  y={y}
                  width={barWidth}
                  height={h}
                  fill={COLORS[s.category]}
                  onClick={() => onSegment(f, s)}
                  style={{ cursor: "pointer" }}
                >
                  <title>{`${f.period.label} ${s.name}: ${money(f.categories[s.category].amount, currency)}`}</title>
                </rect>
              ) : null;
            })}
            {f.quota && (
              <line
                x1={x - 8}
                x2={x + barWidth + 8}
                y1={height - scale(f.quota.quota)}
                y2={height - scale(f.quota.quota)}
                stroke="currentColor"
                strokeWidth={2}
                strokeDasharray="4 3"
              />
            )}
            <text x={x + barWidth / 2} y={height + 16} textAnchor="middle" fontSize="11" fill="currentColor">
              {f.period.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The colour key of {@link ForecastBars}. */
export function ForecastLegend() {
  return (
    <ul className="legend">
      {STACK.map((s) => (
        <li key={s.category}>
          <span className="swatch" style={{ background: COLORS[s.category] }} /> {s.name}
        </li>
      ))}
      <li>
        <span className="swatch quota" /> Quota
      </li>
    </ul>
  );
}
