package io.contrivance.server.forecast;

import static io.contrivance.server.web.Jsons.JSON;
import static io.contrivance.server.web.Jsons.decimal;

import io.contrivance.core.forecast.Aging;
import io.contrivance.core.forecast.Calibration;
import io.contrivance.core.forecast.Forecast;
import io.contrivance.core.forecast.ForecastCategory;
import io.contrivance.core.forecast.Funnel;
import io.contrivance.core.forecast.Metrics;
import io.contrivance.core.forecast.MonteCarlo;
import io.contrivance.core.forecast.Period;
import io.contrivance.core.forecast.Slipped;
import io.contrivance.core.forecast.TrendForecast;
import io.contrivance.core.forecast.Waterfall;
import io.contrivance.server.web.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The wire shape of the forecast's figures: snake_case names, amounts as plain JSON numbers in the
 * currency's scale ({@code 105500.00}), rates and days as plain decimals, every figure with the
 * deals behind it ({@code id} and {@code label}, the deal's name in the sheet).
 */
final class ForecastJson {

  private final Map<String, String> labels;
  private final Currency currency;

  ForecastJson(Map<String, String> labels, Currency currency) {
    this.labels = labels;
    this.currency = currency;
  }

  private JsonValue money(BigDecimal amount) {
    return Jsons.money(amount, currency);
  }

  private static JsonValue money(double amount, Currency currency) {
    return Jsons.money(BigDecimal.valueOf(amount), currency);
  }

  static JsonObject period(Period period) {
    return JSON.createObjectBuilder().add("label", period.label()).add("start", period.start().toString()).add("end", period.end().toString()).build();
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  JsonObject forecast(Forecast forecast) {
    JsonObjectBuilder categories = JSON.createObjectBuilder();
    JsonObjectBuilder rollups = JSON.createObjectBuilder();
    for (ForecastCategory category : ForecastCategory.values()) {
      categories.add(wire(category), total(forecast.categories().get(category), true));
      rollups.add(wire(category), total(forecast.rollups().get(category), false));
    }
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("period", period(forecast.period()))
            .add("currency", forecast.currency().getCurrencyCode())
            .add("categories", categories)
            .add("rollups", rollups)
            .add("weighted_pipeline", money(forecast.weightedPipeline()));
    if (forecast.quota().isPresent()) {
      Forecast.Attainment a = forecast.quota().get();
      json.add("quota", JSON.createObjectBuilder().add("quota", money(a.quota())).add("closed", money(a.closed())).add("attainment", decimal(a.attainment())).add("gap", money(a.gap())));
    } else {
      json.addNull("quota");
    }
    JsonArrayBuilder pastDue = JSON.createArrayBuilder();
    forecast.pastDue().forEach(d -> pastDue.add(deal(d.dealId()).add("expected_close", d.expectedClose().toString()).add("days_late", d.daysLate())));
    return json.add("excluded", excluded(forecast.excluded())).add("past_due", pastDue).build();
  }

  /** A category's total; with its terms for own categories, with deal ids only for roll-ups. */
  private JsonObject total(Forecast.Total total, boolean terms) {
    JsonArrayBuilder deals = JSON.createArrayBuilder();
    for (Forecast.Term term : total.terms()) {
      if (terms) {
        deals.add(deal(term.dealId()).add("amount", money(term.amount())).add("probability", decimal(term.probability())).add("weighted", money(term.weighted())).add("category", wire(term.category())));
      } else {
        deals.add(term.dealId());
      }
    }
    return JSON.createObjectBuilder().add("amount", money(total.amount())).add("weighted", money(total.weighted())).add("count", total.terms().size()).add(terms ? "deals" : "deal_ids", deals).build();
  }

  JsonObject metrics(Metrics m) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    number(json, "win_rate", m.winRate());
    amount(json, "average_deal_size", m.averageDealSize());
    number(json, "sales_cycle_days", m.salesCycleDays());
    amount(json, "velocity_per_day", m.velocityPerDay());
    return json.add("open_deals", ids(m.openDeals())).add("won", ids(m.won())).add("lost", ids(m.lost())).add("excluded", excluded(m.excluded())).build();
  }

  JsonObject funnel(Funnel funnel) {
    JsonArrayBuilder steps = JSON.createArrayBuilder();
    for (Funnel.Step step : funnel.steps()) {
      JsonObjectBuilder s = JSON.createObjectBuilder().add("stage", step.stage()).add("reached", step.reached().size()).add("next", step.next()).add("advanced", step.advanced());
      number(s, "conversion", step.conversion());
      steps.add(s.add("deals", ids(step.reached())));
    }
    JsonObjectBuilder json = JSON.createObjectBuilder().add("steps", steps).add("won", ids(funnel.won()));
    number(json, "overall", funnel.overall());
    return json.add("excluded", excluded(funnel.excluded())).build();
  }

  JsonObject calibration(Calibration calibration) {
    JsonArrayBuilder stages = JSON.createArrayBuilder();
    for (Calibration.Entry entry : calibration.stages()) {
      JsonObjectBuilder e =
          JSON.createObjectBuilder().add("stage", entry.stage()).add("configured", decimal(entry.configured())).add("closed", entry.won().size() + entry.lost().size()).add("won", ids(entry.won())).add("lost", ids(entry.lost()));
      number(e, "historical", entry.historical());
      stages.add(e);
    }
    return JSON.createObjectBuilder().add("stages", stages).add("excluded", excluded(calibration.excluded())).build();
  }

  JsonObject aging(Aging aging) {
    JsonArrayBuilder deals = JSON.createArrayBuilder();
    for (Aging.Entry entry : aging.deals()) {
      JsonObjectBuilder e = deal(entry.dealId()).add("stage", entry.stage()).add("since", entry.since().toString()).add("days", entry.days());
      nullable(e, "expected_close", entry.expectedClose().map(Object::toString));
      deals.add(e.add("stale", entry.stale()).add("stale_because", JSON.createArrayBuilder(entry.staleBecause())));
    }
    JsonArrayBuilder stages = JSON.createArrayBuilder();
    for (Aging.StageAge stage : aging.stages()) {
      JsonObjectBuilder s = JSON.createObjectBuilder().add("stage", stage.stage()).add("deals", stage.deals()).add("max_days", stage.maxDays());
      number(s, "average_days", stage.averageDays());
      stages.add(s);
    }
    return JSON.createObjectBuilder()
        .add("stale_after_days", aging.staleAfterDays())
        .add("stale_count", aging.stale().size())
        .add("deals", deals)
        .add("stages", stages)
        .add("excluded", excluded(aging.excluded()))
        .build();
  }

  JsonObject slipped(Slipped slipped) {
    JsonArrayBuilder deals = JSON.createArrayBuilder();
    for (Slipped.Entry entry : slipped.deals()) {
      JsonObjectBuilder e = deal(entry.dealId()).add("from", entry.from().toString()).add("to", entry.to().toString());
      amount(e, "amount", entry.amount());
      nullable(e, "stage", entry.stage());
      deals.add(e);
    }
    return JSON.createObjectBuilder().add("period", period(slipped.period())).add("deals", deals).build();
  }

  JsonObject waterfall(Waterfall waterfall) {
    JsonArrayBuilder steps = JSON.createArrayBuilder();
    for (Waterfall.Change change : Waterfall.Change.values()) {
      Waterfall.Total total = waterfall.changes().get(change);
      steps.add(JSON.createObjectBuilder().add("change", wire(change)).add("sign", change.adds() ? 1 : -1).add("amount", money(total.amount())).add("deals", moves(total)));
    }
    return JSON.createObjectBuilder()
        .add("period", period(waterfall.period()))
        .add("from", waterfall.from().toString())
        .add("to", waterfall.to().toString())
        .add("currency", waterfall.currency().getCurrencyCode())
        .add("start", JSON.createObjectBuilder().add("amount", money(waterfall.start().amount())).add("deals", moves(waterfall.start())))
        .add("steps", steps)
        .add("end", JSON.createObjectBuilder().add("amount", money(waterfall.end().amount())).add("deals", moves(waterfall.end())))
        .build();
  }

  private JsonArrayBuilder moves(Waterfall.Total total) {
    JsonArrayBuilder deals = JSON.createArrayBuilder();
    total.moves().forEach(m -> deals.add(deal(m.dealId()).add("amount", money(m.amount()))));
    return deals;
  }

  static JsonObject simulation(MonteCarlo run, Forecast forecast) {
    Currency currency = forecast.currency();
    return JSON.createObjectBuilder()
        .add("period", period(forecast.period()))
        .add("currency", forecast.currency().getCurrencyCode())
        .add("trials", run.trials())
        .add("seed", run.seed())
        .add("p10", money(run.p10(), currency))
        .add("p50", money(run.p50(), currency))
        .add("p90", money(run.p90(), currency))
        .add("mean", money(run.mean(), currency))
        .add("weighted_pipeline", Jsons.money(forecast.weightedPipeline(), currency))
        .add("deals", forecast.rollups().get(ForecastCategory.PIPELINE).terms().size())
        .build();
  }

  static JsonObject trend(Optional<TrendForecast> trend, Currency currency) {
    if (trend.isEmpty()) {
      return JSON.createObjectBuilder().add("available", false).add("reason", "a trend needs at least " + TrendForecast.MIN_MONTHS + " complete months of history").build();
    }
    TrendForecast t = trend.get();
    JsonArrayBuilder history = JSON.createArrayBuilder();
    for (TrendForecast.Fitted f : t.fitted()) {
      JsonObjectBuilder point = JSON.createObjectBuilder().add("month", f.month().toString()).add("actual", money(f.actual(), currency));
      if (f.oneStepAhead().isPresent()) {
        point.add("fitted", money(f.oneStepAhead().get(), currency));
      } else {
        point.addNull("fitted");
      }
      history.add(point);
    }
    JsonArrayBuilder forecast = JSON.createArrayBuilder();
    t.forecast().forEach(p -> forecast.add(JSON.createObjectBuilder().add("month", p.month().toString()).add("value", money(p.value(), currency))));
    return JSON.createObjectBuilder()
        .add("available", true)
        .add("method", "holt_linear")
        .add("currency", currency.getCurrencyCode())
        .add("alpha", t.alpha())
        .add("beta", t.beta())
        .add("level", money(t.level(), currency))
        .add("trend", money(t.trend(), currency))
        .add("mse", decimal(BigDecimal.valueOf(t.mse())))
        .add("rmse", money(Math.sqrt(t.mse()), currency))
        .add("mae", money(t.mae(), currency))
        .add("history", history)
        .add("forecast", forecast)
        .build();
  }

  private JsonObjectBuilder deal(String id) {
    JsonObjectBuilder json = JSON.createObjectBuilder().add("id", id);
    String label = labels.get(id);
    return label == null ? json.addNull("label") : json.add("label", label);
  }

  private JsonArrayBuilder ids(Collection<String> ids) {
    return JSON.createArrayBuilder(ids);
  }

  private JsonArrayBuilder excluded(Collection<Forecast.Excluded> excluded) {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    excluded.forEach(e -> list.add(deal(e.dealId()).add("reason", e.reason())));
    return list;
  }

  private static void number(JsonObjectBuilder json, String name, Optional<BigDecimal> value) {
    if (value.isPresent()) {
      json.add(name, decimal(value.get()));
    } else {
      json.addNull(name);
    }
  }

  private void amount(JsonObjectBuilder json, String name, Optional<BigDecimal> value) {
    if (value.isPresent()) {
      json.add(name, money(value.get()));
    } else {
      json.addNull(name);
    }
  }

  private static void nullable(JsonObjectBuilder json, String name, Optional<String> value) {
    if (value.isPresent()) {
      json.add(name, value.get());
    } else {
      json.addNull(name);
    }
  }
}
