import { describe, expect, it } from "vitest";
import { lanes, money, percent, waterfallBars, type ForecastSettings } from "./forecast";
import type { Row } from "./types";

const settings: ForecastSettings = {
  stages: [
    { name: "Lead", probability: 0.1, outcome: "open", category: "pipeline" },
    { name: "Negotiation", probability: 0.8, outcome: "open", category: "commit" },
    { name: "Closed-Won", probability: 1, outcome: "won", category: "closed" },
    { name: "Closed-Lost", probability: 0, outcome: "lost", category: "omitted" },
  ],
  mapping: {
    amount: "deal_value",
    stage: "stage",
    expected_close: "expected_close",
    owner: "owner",
    probability: "probability",
    category: null,
    created: null,
    label: "company",
  },
  currency: "USD",
  fiscal_year_start: 1,
  stale_after_days: 30,
  stored: false,
};

function row(id: string, data: Row["data"]): Row {
  return { id, position: 1, version: 1, data, created_by: null, updated_by: null, created_at: "", updated_at: "" };
}

describe("lanes", () => {
  it("puts each deal under its stage with raw and weighted totals counted as the forecast does", () => {
    const result = lanes(
      [
        row("a", { company: "Acme", stage: "Lead", deal_value: { amount: 10000, currency: "USD" } }),
        row("b", { company: "Globex", stage: "negotiation", deal_value: { amount: 30000, currency: "USD" }, probability: 90 }),
        row("c", { company: "Initech", stage: "Closed-Won", deal_value: { amount: 5000, currency: "USD" }, probability: 20 }),
        row("d", { company: "Hooli", stage: "Closed-Lost", deal_value: { amount: 7000, currency: "USD" } }),
        row("e", { company: "Euro", stage: "Lead", deal_value: { amount: 999, currency: "EUR" } }),
      ],
      settings,
    );
    expect(result.map((l) => l.stage)).toEqual(["Lead", "Negotiation", "Closed-Won", "Closed-Lost"]);
    expect(result[0].cards.map((c) => c.label)).toEqual(["Acme", "Euro"]);
    expect(result[0].total).toBe(10000); // the euro deal is shown but not added to dollars
    expect(result[0].weighted).toBe(1000);
    expect(result[1].weighted).toBe(27000); // its own 90 %
    expect(result[2].weighted).toBe(5000); // won counts at 100 % whatever is set
    expect(result[3].weighted).toBe(0);
  });

  it("keeps deals in stages the model does not know in a first lane instead of hiding them", () => {
    const result = lanes([row("x", { company: "Odd", stage: "Discovery" }), row("y", { company: "Blank" })], settings);
    expect(result[0]).toMatchObject({ stage: "No stage", known: false, total: 0 });
    expect(result[0].cards.map((c) => c.id)).toEqual(["x", "y"]);
  });
});

describe("formatting", () => {
  it("shows money without cents on whole amounts and percentages to one place", () => {
    expect(money(12000, "USD")).toBe("$12,000");
    expect(money(12.5, "USD")).toBe("$12.50");
    expect(money(null, "USD")).toBe("—");
    expect(percent(0.555556)).toBe("55.6%");
    expect(percent(null)).toBe("—");
  });
});

describe("waterfallBars", () => {
  it("stacks each change on the level the previous one left", () => {
    const bars = waterfallBars({
      from: "2026-09-30",
      to: "2026-11-23",
      start: { amount: 100, deals: [] },
      steps: [
        { change: "new", sign: 1, amount: 50, deals: [] },
        { change: "won", sign: -1, amount: 30, deals: [] },
      ],
      end: { amount: 120, deals: [] },
    });
    expect(bars.map((b) => [b.name, b.from, b.to])).toEqual([
      ["Start", 0, 100],
      ["New", 100, 150],
      ["Won", 150, 120],
      ["End", 0, 120],
    ]);
  });
});
