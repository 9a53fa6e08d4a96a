import { money, type Dashboard } from "../../model/forecast";

type Available = Extract<Dashboard["trend"], { available: true }>;

/** Won revenue per month (solid) and its trend forecast beyond (dashed). */
export function TrendChart({ trend, currency }: { trend: Available; currency: string }) {
  const points = [
    ...trend.history.map((h) => ({ month: h.month, value: h.actual, forecast: false })),
    ...trend.forecast.map((f) => ({ month: f.month, value: f.value, forecast: true })),
  ];
  const height = 120;
  const step = 36;
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = (i: number) => 20 + i * step;
  const y = (v: number) => height - (Math.max(0, v) / max) * height + 4;
  const path = (list: typeof points, offset: number) => list.map((p, i) => `${i === 0 ? "M" : "L"}${x(i + offset)},${y(p.value)}`).join(" ");
  const actual = points.filter((p) => !p.forecast);
  const ahead = [actual[actual.length - 1], ...points.filter((p) => p.forecast)];
  return (
    <svg className="chart" role="img" aria-label="Won revenue trend" viewBox={`0 0 ${x(points.length) + 10} ${height + 30}`}>
      <path d={path(actual, 0)} fill="none" stroke="#15803d" strokeWidth={2} />
      <path d={path(ahead, actual.length - 1)} fill="none" stroke="#15803d" strokeWidth={2} strokeDasharray="5 4" />
      {points.map((p, i) => (
        <g key={p.month}>
          <circle cx={x(i)} cy={y(p.value)} r={3} fill={p.forecast ? "none" : "#15803d"} stroke="#15803d">
            <title>{`${p.month}${p.forecast ? " (forecast)" : ""}: ${money(Math.round(p.value), currency)}`}</title>
          </circle>
          {i % 2 === 0 && (
            <text x={x(i)} y={height + 24} textAnchor="middle" fontSize="9" fill="currentColor">
              {p.month.slice(2)}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
