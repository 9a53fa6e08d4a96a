import type { JsonValue, Row } from "./types";

/** Wire types of the forecast endpoints (see /openapi, tag Forecast). */

export type Outcome = "open" | "won" | "lost";
export type Category = "pipeline" | "best_case" | "commit" | "closed" | "omitted";

export interface Stage {
  name: string;
  probability: number;
  outcome: Outcome;
  category: Category;
}

export interface ForecastSettings {
  stages: Stage[];
  mapping: {
    amount: string | null;
    stage: string | null;
    expected_close: string | null;
    owner: string | null;
    probability: string | null;
    category: string | null;
    created: string | null;
    label: string | null;
  };
  currency: string;
  fiscal_year_start: number;
  stale_after_days: number;
  stored: boolean;
}

export interface Period {
  label: string;
  start: string;
  end: string;
}

export interface DealRef {
  id: string;
  label: string | null;
}

export interface Term extends DealRef {
  amount: number;
  probability: number;
  weighted: number;
  category: Category;
}

export interface CategoryTotal {
  amount: number;
  weighted: number;
  count: number;
  deals: Term[];
}

export interface Excluded extends DealRef {
  reason: string;
}

export interface Forecast {
  period: Period;
  currency: string;
  categories: Record<Category, CategoryTotal>;
  rollups: Record<Category, { amount: number; weighted: number; count: number; deal_ids: string[] }>;
  weighted_pipeline: number;
  quota: { quota: number; closed: number; attainment: number; gap: number } | null;
  excluded: Excluded[];
  /** Open deals counted in this period although their expected close passed (they are never hidden). */
  past_due?: PastDue[];
}

export interface PastDue extends DealRef {
  expected_close: string;
  days_late: number;
}

export interface Move extends DealRef {
  amount: number;
}

export interface Dashboard {
  period: Period;
  currency: string;
  today: string;
  owner: string | null;
  forecasts: Forecast[];
  velocity: {
    win_rate: number | null;
    average_deal_size: number | null;
    sales_cycle_days: number | null;
    velocity_per_day: number | null;
    open_deals: string[];
    won: string[];
    lost: string[];
  };
  funnel: {
    steps: { stage: string; reached: number; next: string; advanced: number; conversion: number | null; deals: string[] }[];
    won: string[];
    overall: number | null;
  };
  waterfall: {
    from: string;
    to: string;
    start: { amount: number; deals: Move[] };
    steps: { change: string; sign: 1 | -1; amount: number; deals: Move[] }[];
    end: { amount: number; deals: Move[] };
  };
  simulation: { trials: number; seed: number; p10: number; p50: number; p90: number; mean: number; weighted_pipeline: number; deals: number };
  aging: {
    stale_after_days: number;
    stale_count: number;
    deals: (DealRef & { stage: string; since: string; days: number; expected_close: string | null; stale: boolean; stale_because: string[] })[];
  };
  slipped: { deals: (DealRef & { from: string; to: string; amount: number | null; stage: string | null })[] };
  calibration: { stages: { stage: string; configured: number; closed: number; won: string[]; lost: string[]; historical: number | null }[] };
  trend:
    | { available: false; reason: string }
    | {
        available: true;
        alpha: number;
        beta: number;
        rmse: number;
        mae: number;
        history: { month: string; actual: number; fitted: number | null }[];
        forecast: { month: string; value: number }[];
      };
  settings: ForecastSettings;
}

/** A card on the pipeline board: one deal as the board shows it. */
export interface Card {
  id: string;
  row: Row;
  label: string;
  amount: number | null;
  currency: string | null;
  close: string | null;
  owner: string | null;
  weighted: number | null;
}

/** One column of the board: a stage (or "No stage") with its cards and totals. */
export interface Lane {
  stage: string;
  known: boolean;
  cards: Card[];
  total: number;
  weighted: number;
}

/**
 * Groups rows into one lane per stage of the model, in pipeline order, with raw and weighted totals
 * counted as the forecast counts them: a deal's own probability when set, else its stage's; won
 * deals at 100 %, lost ones at 0. Rows whose stage the model does not know go to a first lane
 * "No stage" (not totalled), so nothing disappears from the board.
 */
export function lanes(rows: Row[], settings: ForecastSettings): Lane[] {
  const m = settings.mapping;
  const byName = new Map(settings.stages.map((s) => [s.name.toLowerCase(), s]));
  const result: Lane[] = settings.stages.map((s) => ({ stage: s.name, known: true, cards: [], total: 0, weighted: 0 }));
  const unknown: Lane = { stage: "No stage", known: false, cards: [], total: 0, weighted: 0 };
  for (const row of rows) {
    const stageName = m.stage ? text(row.data[m.stage]) : null;
    const stage = stageName ? byName.get(stageName.trim().toLowerCase()) : undefined;
    const money = m.amount ? amountOf(row.data[m.amount]) : null;
    const own = m.probability ? row.data[m.probability] : null;
    let probability: number | null = null;
    if (stage) {
      probability = stage.outcome === "won" ? 1 : stage.outcome === "lost" ? 0 : typeof own === "number" ? own / 100 : stage.probability;
    }
    const card: Card = {
      id: row.id,
      row,
      label: (m.label ? text(row.data[m.label]) : null) ?? "(unnamed)",
      amount: money?.amount ?? null,
      currency: money?.currency ?? settings.currency,
      close: m.expected_close ? text(row.data[m.expected_close]) : null,
      owner: m.owner ? text(row.data[m.owner]) : null,
      weighted: money && probability !== null ? money.amount * probability : null,
    };
    const lane = stage ? result[settings.stages.indexOf(stage)] : unknown;
    lane.cards.push(card);
    if (stage && money && money.currency === settings.currency) {
      lane.total += money.amount;
      lane.weighted += card.weighted ?? 0;
    }
  }
  return unknown.cards.length > 0 ? [unknown, ...result] : result;
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** A currency cell's amount, or a plain number's. */
export function amountOf(value: JsonValue | undefined): { amount: number; currency: string | null } | null {
  if (typeof value === "number") {
    return { amount: value, currency: null };
  }
  if (value && typeof value === "object" && !Array.isArray(value) && typeof value.amount === "number") {
    return { amount: value.amount, currency: typeof value.currency === "string" ? value.currency : null };
  }
  return null;
}

/** Money as people read it: "$12,000" (no cents on whole amounts). */
export function money(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) {
    return "—";
  }
  const whole = Number.isInteger(amount);
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: whole ? 0 : 2, minimumFractionDigits: whole ? 0 : 2 }).format(
      amount,
    );
  } catch {
    return `${amount.toLocaleString("en-US")} ${currency}`;
  }
}

/** A fraction as a percentage: 0.5556 → "55.6%". */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) {
    return "—";
  }
  return `${(Math.round(fraction * 1000) / 10).toLocaleString("en-US")}%`;
}

/** The categories from the bottom of a stacked bar up, with the names people know. */
export const STACK: { category: Category; name: string }[] = [
  { category: "closed", name: "Closed" },
  { category: "commit", name: "Commit" },
  { category: "best_case", name: "Best Case" },
  { category: "pipeline", name: "Pipeline" },
];

/** Waterfall bars with where each starts and ends, for drawing: start, each change, end. */
export function waterfallBars(
  w: Dashboard["waterfall"],
): { name: string; from: number; to: number; amount: number; kind: "total" | "up" | "down"; deals: Move[] }[] {
  const names: Record<string, string> = {
    new: "New",
    pulled_in: "Pulled in",
    increased: "Increased",
    decreased: "Decreased",
    won: "Won",
    lost: "Lost",
    slipped: "Slipped",
    removed: "Removed",
  };
  const bars: ReturnType<typeof waterfallBars> = [{ name: "Start", from: 0, to: w.start.amount, amount: w.start.amount, kind: "total", deals: w.start.deals }];
  let level = w.start.amount;
  for (const step of w.steps) {
    const next = level + step.sign * step.amount;
    bars.push({ name: names[step.change] ?? step.change, from: level, to: next, amount: step.amount, kind: step.sign > 0 ? "up" : "down", deals: step.deals });
    level = next;
  }
  bars.push({ name: "End", from: 0, to: w.end.amount, amount: w.end.amount, kind: "total", deals: w.end.deals });
  return bars;
}
