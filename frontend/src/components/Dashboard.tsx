import { useCallback, useEffect, useState } from "react";
import { ApiError, type Api } from "../model/api";
import { money, percent, STACK, type Dashboard as Data, type Forecast, type Term } from "../model/forecast";
import { ExplanationPanel, Figure, Table, type Explanation } from "./dashboard/Explanation";
import { ForecastBars, ForecastLegend } from "./dashboard/ForecastBars";
import { TrendChart } from "./dashboard/TrendChart";
import { WaterfallChart } from "./dashboard/WaterfallChart";

type Length = "month" | "quarter" | "year";

/**
 * Where the period stands and why: forecast by category against quota, velocity, funnel,
 * waterfall, the Monte Carlo band, stale and slipped deals, calibration and trend. Every figure can
 * be clicked to show the deals and terms behind it.
 */
export function Dashboard({ api, sheetId }: { api: Api; sheetId: string }) {
  const [period, setPeriod] = useState<Length>("quarter");
  const [owner, setOwner] = useState("");
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [explanation, setExplanation] = useState<Explanation | null>(null);

  const load = useCallback(() => {
    api
      .dashboard(sheetId, { period, owner: owner.trim() || undefined })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : "Could not load the dashboard"));
  }, [api, sheetId, period, owner]);

  useEffect(() => load(), [load]);

  if (error) {
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  }
  if (!data) {
    return <p>Loading…</p>;
  }
  const c = data.currency;
  const current = data.forecasts[0];
  const v = data.velocity;
  /** Explains a figure by the deals it counts. */
  const explainDeals = (title: string, formula: string, deals: string[]) => () =>
    setExplanation({ title, formula, columns: ["Deal"], rows: deals.map((id) => [id]) });
  const terms = (list: Term[]) => list.map((t) => [t.label ?? t.id, money(t.amount, c), percent(t.probability), money(round(t.weighted), c)]);
  const explainCategory = (f: Forecast, name: string, rollup: boolean) => {
    const key = STACK.find((s) => s.name === name)!.category;
    const members = rollup ? STACK.slice(0, STACK.findIndex((s) => s.category === key) + 1).map((s) => s.category) : [key];
    const list = members.flatMap((m) => f.categories[m].deals);
    setExplanation({
      title: `${name}${rollup && key !== "closed" ? " (roll-up)" : ""}, ${f.period.label}: ${money(rollup ? f.rollups[key].amount : f.categories[key].amount, c)}`,
      formula: rollup
        ? `The sum of the amounts of the deals in ${members.map((m) => STACK.find((s) => s.category === m)!.name).join(" + ")} expected to close in ${f.period.label}; weighted ${money(round(f.rollups[key].weighted), c)} (amount × probability).`
        : `The deals whose category is ${name}, expected to close in ${f.period.label}.`,
      columns: ["Deal", "Amount", "Probability", "Weighted"],
      rows: terms(list),
    });
  };

  return (
    <section className="dashboard" aria-label="Dashboard">
      <header className="view-header">
        <h2>Dashboard</h2>
        <label>
          Period{" "}
          <select value={period} onChange={(e) => setPeriod(e.target.value as Length)}>
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
            <option value="year">Year</option>
          </select>
        </label>
        <label>
          Owner <input value={owner} placeholder="whole team" onChange={(e) => setOwner(e.target.value)} size={12} />
        </label>
        <button type="button" onClick={load}>
          Refresh
        </button>
        <span className="muted">
          {data.period.label} · as of {data.today}
        </span>
      </header>

      <div className="figures">
        <Figure name="Closed" value={money(current.categories.closed.amount, c)} onExplain={() => explainCategory(current, "Closed", false)} />
        <Figure name="Commit" value={money(current.rollups.commit.amount, c)} onExplain={() => explainCategory(current, "Commit", true)} />
        <Figure name="Best Case" value={money(current.rollups.best_case.amount, c)} onExplain={() => explainCategory(current, "Best Case", true)} />
        <Figure name="Pipeline" value={money(current.rollups.pipeline.amount, c)} onExplain={() => explainCategory(current, "Pipeline", true)} />
        <Figure
          name="Weighted pipeline"
          value={money(round(current.weighted_pipeline), c)}
          onExplain={() =>
            setExplanation({
              title: `Weighted pipeline, ${current.period.label}: ${money(round(current.weighted_pipeline), c)}`,
              formula:
                "Σ amount × probability over every deal expected to close in the period (a deal's own probability, else its stage's; won 100 %, lost 0).",
              columns: ["Deal", "Amount", "Probability", "Weighted"],
              rows: terms(STACK.flatMap((s) => current.categories[s.category].deals)),
            })
          }
        />
        <Figure
          name="Quota attainment"
          value={current.quota ? percent(current.quota.attainment) : "no quota"}
          onExplain={() =>
            setExplanation({
              title: "Quota attainment",
              formula: current.quota
                ? `Closed ${money(current.quota.closed, c)} ÷ quota ${money(current.quota.quota, c)} = ${percent(current.quota.attainment)}; gap to quota ${money(current.quota.gap, c)}.`
                : "No quota is set for this period. Editors set quotas per owner or for the team.",
              columns: ["Deal", "Amount", "Probability", "Weighted"],
              rows: terms(current.categories.closed.deals),
            })
          }
        />
      </div>

      {(current.past_due?.length ?? 0) > 0 && (
        <section className="past-due" aria-label="Past due deals">
          <strong>
            {current.past_due!.length} open {current.past_due!.length === 1 ? "deal is" : "deals are"} past the expected close date
          </strong>{" "}
          — counted in {current.period.label}:{" "}
          {current.past_due!.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ", " : ""}
              {d.label ?? d.id} ({d.days_late} {d.days_late === 1 ? "day" : "days"} late, was {d.expected_close})
            </span>
          ))}
        </section>
      )}

      <div className="panels">
        <section className="panel">
          <h3>Forecast by period</h3>
          <ForecastBars forecasts={data.forecasts} currency={c} onSegment={(f, s) => explainCategory(f, s.name, false)} />
          <ForecastLegend />
        </section>

        <section className="panel">
          <h3>Velocity</h3>
          <div className="figures small">
            <Figure
              name="Win rate"
              value={percent(v.win_rate)}
              onExplain={explainDeals("Win rate", `Won ÷ closed in ${data.period.label}: ${v.won.length} ÷ ${v.won.length + v.lost.length}.`, [
                ...v.won,
                ...v.lost,
              ])}
            />
            <Figure
              name="Average deal"
              value={money(v.average_deal_size === null ? null : round(v.average_deal_size), c)}
              onExplain={explainDeals("Average deal size", "Won amount ÷ deals won in the period.", v.won)}
            />
            <Figure
              name="Sales cycle"
              value={v.sales_cycle_days === null ? "—" : `${Math.round(v.sales_cycle_days)} days`}
              onExplain={explainDeals("Sales cycle", "Mean days from a won deal's creation to its close date.", v.won)}
            />
            <Figure
              name="Velocity"
              value={v.velocity_per_day === null ? "—" : `${money(Math.round(v.velocity_per_day), c)}/day`}
              onExplain={() =>
                setExplanation({
                  title: "Pipeline velocity",
                  formula: `(open deals ${v.open_deals.length} × win rate ${percent(v.win_rate)} × average deal ${money(v.average_deal_size === null ? null : round(v.average_deal_size), c)}) ÷ sales cycle ${v.sales_cycle_days ?? "—"} days.`,
                  columns: ["Open deal"],
                  rows: v.open_deals.map((id) => [id]),
                })
              }
            />
          </div>
        </section>

        <section className="panel">
          <h3>Funnel</h3>
          <table className="funnel">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Reached</th>
                <th scope="col">On to next</th>
              </tr>
            </thead>
            <tbody>
              {data.funnel.steps.map((s) => (
                <tr key={s.stage}>
                  <td>{s.stage}</td>
                  <td>
                    <span className="funnel-bar" style={{ width: `${(s.reached / Math.max(1, data.funnel.steps[0].reached)) * 100}%` }} />
                    {s.reached}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={explainDeals(
                        `${s.stage} → ${s.next}`,
                        `${s.advanced} of the ${s.reached} deals that reached ${s.stage} reached ${s.next}.`,
                        s.deals,
                      )}
                    >
                      {percent(s.conversion)}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Lead to won: {percent(data.funnel.overall)}</p>
        </section>

        <section className="panel">
          <h3>Waterfall</h3>
          <p className="muted">
            {data.waterfall.from} → {data.waterfall.to}
          </p>
          <WaterfallChart
            waterfall={data.waterfall}
            currency={c}
            onBar={(bar) =>
              setExplanation({
                title: `${bar.name}: ${money(bar.amount, c)}`,
                formula: "Deals behind this bar and their part in it.",
                columns: ["Deal", "Amount"],
                rows: bar.deals.map((d) => [d.label ?? d.id, money(d.amount, c)]),
              })
            }
          />
        </section>

        <section className="panel">
          <h3>Revenue range (Monte Carlo)</h3>
          <div
            className="band"
            role="img"
            aria-label={`P10 ${money(round(data.simulation.p10), c)}, P50 ${money(round(data.simulation.p50), c)}, P90 ${money(round(data.simulation.p90), c)}`}
          >
            <span
              style={{
                left: `${share(data.simulation.p10, data.simulation.p90 * 1.1)}%`,
                width: `${share(data.simulation.p90, data.simulation.p90 * 1.1) - share(data.simulation.p10, data.simulation.p90 * 1.1)}%`,
              }}
              className="band-range"
            />
            <span style={{ left: `${share(data.simulation.p50, data.simulation.p90 * 1.1)}%` }} className="band-mark" />
          </div>
          <div className="figures small">
            <Figure name="P10" value={money(round(data.simulation.p10), c)} onExplain={() => explainSimulation(data, setExplanation)} />
            <Figure name="P50" value={money(round(data.simulation.p50), c)} onExplain={() => explainSimulation(data, setExplanation)} />
            <Figure name="P90" value={money(round(data.simulation.p90), c)} onExplain={() => explainSimulation(data, setExplanation)} />
          </div>
        </section>

        <section className="panel">
          <h3>Stale deals ({data.aging.stale_count})</h3>
          <DealTable
            columns={["Deal", "Stage", "Days", "Why"]}
            rows={data.aging.deals.filter((d) => d.stale).map((d) => [d.label ?? d.id, d.stage, String(d.days), d.stale_because.join("; ")])}
          />
          <h3>Slipped deals ({data.slipped.deals.length})</h3>
          <DealTable columns={["Deal", "Was", "Now", "Amount"]} rows={data.slipped.deals.map((d) => [d.label ?? d.id, d.from, d.to, money(d.amount, c)])} />
        </section>

        <section className="panel">
          <h3>Calibration</h3>
          <DealTable
            columns={["Stage", "Configured", "Historical", "Closed deals"]}
            rows={data.calibration.stages.map((s) => [s.stage, percent(s.configured), percent(s.historical), String(s.closed)])}
          />
        </section>

        <section className="panel">
          <h3>Won revenue trend</h3>
          {data.trend.available ? (
            <>
              <TrendChart trend={data.trend} currency={c} />
              <p className="muted">
                Holt's linear trend, α {data.trend.alpha}, β {data.trend.beta}, RMSE {money(Math.round(data.trend.rmse), c)}
              </p>
            </>
          ) : (
            <p className="muted">{data.trend.reason}</p>
          )}
        </section>
      </div>
      {explanation && <ExplanationPanel explanation={explanation} onClose={() => setExplanation(null)} />}
    </section>
  );
}

function DealTable({ columns, rows }: { columns: string[]; rows: string[][] }) {
  return rows.length === 0 ? <p className="muted">None.</p> : <Table columns={columns} rows={rows} />;
}

function explainSimulation(data: Data, show: (e: Explanation) => void) {
  const s = data.simulation;
  show({
    title: "Revenue range",
    formula: `${s.trials.toLocaleString("en-US")} trials (seed ${s.seed}) each decide every one of the ${s.deals} deals at random with its probability and add the amounts won. P10/P50/P90 are the trial results 10 %, 50 % and 90 % of trials stayed below; their mean ${money(round(s.mean), data.currency)} tends to the weighted pipeline ${money(round(s.weighted_pipeline), data.currency)}.`,
    columns: [],
    rows: [],
  });
}

function share(value: number, max: number): number {
  return max <= 0 ? 0 : Math.max(0, Math.min(100, (value / max) * 100));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
