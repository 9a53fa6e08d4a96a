import { money, waterfallBars, type Dashboard } from "../../model/forecast";

/** The period's open pipeline from start to end, each change a floating bar. */
export function WaterfallChart({
  waterfall,
  currency,
  onBar,
}: {
  waterfall: Dashboard["waterfall"];
  currency: string;
  onBar: (bar: ReturnType<typeof waterfallBars>[number]) => void;
}) {
  const bars = waterfallBars(waterfall);
  const height = 160;
  const width = 44;
  const gap = 14;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.from, b.to)));
  const y = (v: number) => height - (v / max) * height;
  return (
    <svg className="chart" role="img" aria-label="Pipeline waterfall" viewBox={`0 0 ${bars.length * (width + gap) + gap} ${height + 34}`}>
      {bars.map((bar, i) => {
        const x = gap + i * (width + gap);
        const top = y(Math.max(bar.from, bar.to));
        const h = Math.max(1, Math.abs(y(bar.from) - y(bar.to)));
        return (
          <g key={bar.name} onClick={() => onBar(bar)} style={{ cursor: "pointer" }}>
            <rect x={x} y={top} width={width} height={h} className={`bar-${bar.kind}`}>
              <title>{`${bar.name}: ${money(bar.amount, currency)}`}</title>
            </rect>
            <text x={x + width / 2} y={height + 14} textAnchor="middle" fontSize="10" fill="currentColor">
              {bar.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
