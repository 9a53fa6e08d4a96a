package io.contrivance.server.forecast;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.forecast.Aging;
import io.contrivance.core.forecast.Calibration;
import io.contrivance.core.forecast.Deal;
import io.contrivance.core.forecast.DealHistory;
import io.contrivance.core.forecast.Forecast;
import io.contrivance.core.forecast.Forecaster;
import io.contrivance.core.forecast.Funnel;
import io.contrivance.core.forecast.Metrics;
import io.contrivance.core.forecast.MonteCarlo;
import io.contrivance.core.forecast.Period;
import io.contrivance.core.forecast.Slipped;
import io.contrivance.core.forecast.TrendForecast;
import io.contrivance.core.forecast.Waterfall;
import io.contrivance.core.sheet.SheetSchema;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.sheet.SheetRole;
import io.contrivance.server.sheet.Sheets;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A sheet's forecast: its settings, and each figure of the forecasting engine computed from the
 * sheet as it is now (or was, for {@code as_of}). Anyone who may read the sheet may read its
 * forecast; editors change its settings. Every figure lists the deals behind it.
 */
@Path("/spreadsheets/{sheetId}/forecast")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Forecast")
public class ForecastResource {

  static final String PERIOD = "month, quarter (default) or year; fiscal quarters and years start in the settings' fiscal_year_start";
  static final String DATE = "a day in the period (YYYY-MM-DD); default today";
  static final String OWNER = "only this owner's deals (as in the owner column); default the whole team";

  @Inject Sheets sheets;
  @Inject PipelineInputs inputs;
  @Inject Quotas quotas;

  @PathParam("sheetId")
  String sheetId;

  /** What a request works on: the sheet's settings and deals, narrowed to an owner if asked. */
  private record Scope(SheetSchema schema, ForecastSettings settings, List<Deal> deals, List<DealHistory> histories, ForecastJson json, Optional<String> owner) {}

  private Scope scope(String ownerText) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.VIEWER).schema();
    ForecastSettings settings = inputs.settings(schema);
    PipelineInputs.Inputs in = inputs.inputs(schema, settings);
    Optional<String> owner = ForecastQuery.owner(ownerText);
    List<Deal> deals = in.deals();
    List<DealHistory> histories = in.histories();
    if (owner.isPresent()) {
      deals = deals.stream().filter(d -> owns(d, owner.get())).toList();
      histories = histories.stream().filter(h -> lastKnown(h).filter(d -> owns(d, owner.get())).isPresent()).toList();
    }
    return new Scope(schema, settings, deals, histories, new ForecastJson(in.labels(), settings.currency()), owner);
  }

  private static boolean owns(Deal deal, String owner) {
    return deal.owner().filter(o -> o.equalsIgnoreCase(owner)).isPresent();
  }

  /** The deal now, or as it was last before it was deleted. */
  private static Optional<Deal> lastKnown(DealHistory history) {
    for (int i = history.versions().size() - 1; i >= 0; i--) {
      if (history.versions().get(i).deal().isPresent()) {
        return history.versions().get(i).deal();
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ settings

  @GET
  @Path("/settings")
  @Operation(operationId = "getForecastSettings", summary = "The sheet's stage model, column mapping, currency, fiscal year start and stale limit (the defaults until someone saves them)")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(schema = @Schema(implementation = ForecastSchemas.ForecastSettingsAnswer.class), 
              examples =
                  @ExampleObject(
                      name = "sales pipeline defaults",
                      value =
                          "{\"success\":true,\"data\":{\"stages\":[{\"name\":\"Lead\",\"probability\":0.1,\"outcome\":\"open\",\"category\":\"pipeline\"},"
                              + "{\"name\":\"Closed-Won\",\"probability\":1,\"outcome\":\"won\",\"category\":\"closed\"}],"
                              + "\"mapping\":{\"amount\":\"deal_value\",\"stage\":\"stage\",\"expected_close\":\"expected_close\",\"owner\":\"owner\",\"probability\":\"probability\",\"category\":null,\"created\":null,\"label\":\"company\"},"
                              + "\"currency\":\"USD\",\"fiscal_year_start\":1,\"stale_after_days\":30,\"stored\":false}}")))
  public ApiResponse<JsonObject> settings() {
    SheetSchema schema = sheets.open(sheetId, SheetRole.VIEWER).schema();
    return ApiResponse.of(inputs.settings(schema).toJson());
  }

  @PUT
  @Path("/settings")
  @Operation(
      operationId = "saveForecastSettings",
      summary = "Replace the sheet's forecast settings (editors)",
      description = "stages: [{name, probability 0–1, outcome open|won|lost, category pipeline|best_case|commit|closed|omitted}] in pipeline order, at least one won; "
          + "mapping: column ids or names for amount, stage, expected_close (required) and owner, probability, category, created, label (optional); "
          + "currency (ISO 4217, for plain-number amounts and the forecast); fiscal_year_start 1–12; stale_after_days. Answers 422 with a detail per bad field.")
  @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = ForecastSchemas.ForecastSettingsAnswer.class)))
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ForecastSchemas.ForecastSettingsInput.class)))
  public ApiResponse<JsonObject> saveSettings(JsonObject body) {
    SheetSchema schema = sheets.open(sheetId, SheetRole.EDITOR).schema();
    ForecastSettings settings = ForecastSettings.parse(Checks.body(body), schema);
    inputs.save(schema.id(), settings);
    return ApiResponse.of(settings.toJson());
  }

  // ------------------------------------------------------------------ figures

  @GET
  @Operation(
      operationId = "getForecast",
      summary = "The forecast by category with roll-ups, weighted pipeline and quota attainment, for one or more consecutive periods",
      description = "Categories hold their own deals (raw and weighted); roll-ups nest Closed ⊂ Commit ⊂ Best Case ⊂ Pipeline. "
          + "as_of rebuilds the pipeline as it stood at the end of that day from the audit log. Deals that cannot be counted are listed in excluded with the reason.")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(schema = @Schema(implementation = ForecastSchemas.ForecastAnswer.class), 
              examples =
                  @ExampleObject(
                      name = "one quarter",
                      value =
                          "{\"success\":true,\"data\":{\"owner\":null,\"as_of\":null,\"periods\":[{\"period\":{\"label\":\"FY2026 Q4\",\"start\":\"2026-10-01\",\"end\":\"2027-01-01\"},"
                              + "\"currency\":\"USD\",\"categories\":{\"commit\":{\"amount\":30000,\"weighted\":24000,\"count\":1,\"deals\":[{\"id\":\"r3\",\"label\":\"Globex\",\"amount\":30000,\"probability\":0.8,\"weighted\":24000,\"category\":\"commit\"}]}},"
                              + "\"rollups\":{\"commit\":{\"amount\":35000,\"weighted\":29000,\"count\":2,\"deal_ids\":[\"r3\",\"r4\"]}},\"weighted_pipeline\":36000,"
                              + "\"quota\":{\"quota\":50000,\"closed\":5000,\"attainment\":0.1,\"gap\":45000},\"excluded\":[{\"id\":\"r9\",\"label\":\"Initech\",\"reason\":\"no expected close date\"}]}]}}")))
  public ApiResponse<JsonObject> forecast(
      @Parameter(description = PERIOD) @QueryParam("period") String period,
      @Parameter(description = DATE) @QueryParam("date") String date,
      @Parameter(description = "how many consecutive periods, 1–12; default 1") @QueryParam("range") String range,
      @Parameter(description = OWNER) @QueryParam("owner") String owner,
      @Parameter(description = "rebuild the pipeline as it was at the end of this day (YYYY-MM-DD)") @QueryParam("as_of") String asOf) {
    Checks checks = new Checks();
    ForecastQuery.Length length = ForecastQuery.length(period, checks);
    LocalDate day = ForecastQuery.date(date, "date", inputs.today(), checks);
    int count = ForecastQuery.integer(range, "range", 1, 1, 12, checks);
    Optional<LocalDate> asOfDay = asOf == null || asOf.isBlank() ? Optional.empty() : Optional.of(ForecastQuery.date(asOf, "as_of", inputs.today(), checks));
    checks.orThrow("The forecast query is not valid");
    Scope scope = scope(owner);
    List<Deal> deals = asOfDay.map(d -> DealHistory.asOf(scope.histories(), d)).orElse(scope.deals());
    List<Quotas.Quota> quotaList = quotas.list(scope.schema().id());
    JsonArrayBuilder periods = JSON.createArrayBuilder();
    for (Period p : ForecastQuery.periods(length, day, scope.settings().fiscalYearStart(), count)) {
      periods.add(scope.json().forecast(forecastOf(scope, deals, p, quotaList, asOfDay.orElse(inputs.today()))));
    }
    var json = JSON.createObjectBuilder();
    scope.owner().ifPresentOrElse(o -> json.add("owner", o), () -> json.addNull("owner"));
    asOfDay.ifPresentOrElse(d -> json.add("as_of", d.toString()), () -> json.addNull("as_of"));
    return ApiResponse.of(json.add("periods", periods).build());
  }

  /** The period's forecast as of a day: open deals past their close by then count in the period holding it, as past due. */
  private Forecast forecastOf(Scope scope, List<Deal> deals, Period period, List<Quotas.Quota> quotaList, LocalDate today) {
    return Forecaster.forecast(deals, scope.settings().stages(), period, scope.settings().currency(), quotas.applying(quotaList, scope.owner(), period, scope.settings().currency()), today);
  }

  @GET
  @Path("/funnel")
  @Operation(operationId = "getFunnel", summary = "Stage-to-stage conversion: of the deals that reached each stage (from their history), how many reached the next")
  @APIResponse(responseCode = "200", description = "The funnel", content = @Content(schema = @Schema(implementation = ForecastSchemas.FunnelAnswer.class)))
  public ApiResponse<JsonObject> funnel(@Parameter(description = OWNER) @QueryParam("owner") String owner) {
    return figure(owner, scope -> scope.json().funnel(Funnel.of(scope.histories(), scope.settings().stages())));
  }

  @GET
  @Path("/velocity")
  @Operation(operationId = "getVelocity", summary = "Win rate, average deal size, sales cycle length and pipeline velocity ((open deals × win rate × average size) ÷ cycle) for a period")
  @APIResponse(responseCode = "200", description = "The figures", content = @Content(schema = @Schema(implementation = ForecastSchemas.VelocityAnswer.class)))
  public ApiResponse<JsonObject> velocity(@BeanParam PeriodParams query) {
    return periodFigure(query, "velocity", (scope, p, checks) -> () -> {
      Metrics metrics = Metrics.of(scope.deals(), scope.settings().stages(), p, scope.settings().currency());
      return JSON.createObjectBuilder(scope.json().metrics(metrics)).add("period", ForecastJson.period(p)).add("currency", scope.settings().currency().getCurrencyCode()).build();
    });
  }

  @GET
  @Path("/waterfall")
  @Operation(operationId = "getWaterfall", summary = "How the period's open pipeline changed between two days: new, pulled in, increased, decreased, won, lost, slipped, removed — the bars always add up")
  @APIResponse(responseCode = "200", description = "The waterfall", content = @Content(schema = @Schema(implementation = ForecastSchemas.WaterfallAnswer.class)))
  public ApiResponse<JsonObject> waterfall(
      @BeanParam PeriodParams query,
      @Parameter(description = "the first day (YYYY-MM-DD); default the day before the period starts") @QueryParam("from") String from,
      @Parameter(description = "the last day (YYYY-MM-DD); default today, or the period's last day if it is over") @QueryParam("to") String to) {
    return periodFigure(query, "waterfall", (scope, p, checks) -> {
      LocalDate first = ForecastQuery.date(from, "from", p.start().minusDays(1), checks);
      LocalDate last = ForecastQuery.date(to, "to", min(inputs.today(), p.end().minusDays(1)), checks);
      checks.require(!last.isBefore(first), "to", "must not be before from (" + first + ")");
      return () -> scope.json().waterfall(Waterfall.of(scope.histories(), scope.settings().stages(), p, scope.settings().currency(), first, last));
    });
  }

  @GET
  @Path("/calibration")
  @Operation(operationId = "getCalibration", summary = "For each open stage, the historical share of closed deals that reached it and were won, beside its configured probability")
  @APIResponse(responseCode = "200", description = "The calibration", content = @Content(schema = @Schema(implementation = ForecastSchemas.CalibrationAnswer.class)))
  public ApiResponse<JsonObject> calibration(@Parameter(description = OWNER) @QueryParam("owner") String owner) {
    return figure(owner, scope -> scope.json().calibration(Calibration.of(scope.histories(), scope.settings().stages())));
  }

  @GET
  @Path("/simulation")
  @Operation(operationId = "getSimulation", summary = "A Monte Carlo distribution of the period's revenue (P10, P50, P90, mean), reproducible from its seed")
  @APIResponse(responseCode = "200", description = "The distribution", content = @Content(schema = @Schema(implementation = ForecastSchemas.SimulationAnswer.class)))
  public ApiResponse<JsonObject> simulation(
      @BeanParam PeriodParams query,
      @Parameter(description = "trials, 1–100,000; default 10,000") @QueryParam("trials") String trials,
      @Parameter(description = "the random seed; default 1") @QueryParam("seed") String seed) {
    return periodFigure(query, "simulation", (scope, p, checks) -> {
      int n = ForecastQuery.integer(trials, "trials", 10_000, 1, 100_000, checks);
      long s = ForecastQuery.seed(seed, checks);
      return () -> {
        Forecast forecast = Forecaster.forecast(scope.deals(), scope.settings().stages(), p, scope.settings().currency(), Optional.empty(), inputs.today());
        return ForecastJson.simulation(MonteCarlo.of(forecast, n, s), forecast);
      };
    });
  }

  @GET
  @Path("/aging")
  @Operation(operationId = "getAging", summary = "Days each open deal has spent in its stage, per-stage averages, and the stale deals (too long in a stage, or past their close date)")
  @APIResponse(responseCode = "200", description = "The ages", content = @Content(schema = @Schema(implementation = ForecastSchemas.AgingAnswer.class)))
  public ApiResponse<JsonObject> aging(@Parameter(description = OWNER) @QueryParam("owner") String owner) {
    return figure(owner, scope -> scope.json().aging(Aging.of(scope.histories(), scope.settings().stages(), inputs.today(), scope.settings().staleAfterDays())));
  }

  @GET
  @Path("/slipped")
  @Operation(operationId = "getSlipped", summary = "Deals once expected to close in the period that are now expected after it")
  @APIResponse(responseCode = "200", description = "The slipped deals", content = @Content(schema = @Schema(implementation = ForecastSchemas.SlippedAnswer.class)))
  public ApiResponse<JsonObject> slipped(@BeanParam PeriodParams query) {
    return periodFigure(query, "slipped-deals", (scope, p, checks) -> () -> scope.json().slipped(Slipped.of(scope.histories(), p, inputs.today())));
  }

  @GET
  @Path("/trend")
  @Operation(operationId = "getTrend", summary = "Closed-won revenue per month over the last complete months, and its Holt linear-trend forecast with fitted parameters and error")
  @APIResponse(responseCode = "200", description = "The trend", content = @Content(schema = @Schema(implementation = ForecastSchemas.TrendAnswer.class)))
  public ApiResponse<JsonObject> trend(
      @Parameter(description = "complete months of history, 3–60; default 12") @QueryParam("months") String months,
      @Parameter(description = "months to forecast, 1–24; default 3") @QueryParam("horizon") String horizon,
      @Parameter(description = OWNER) @QueryParam("owner") String owner) {
    Checks checks = new Checks();
    int history = ForecastQuery.integer(months, "months", 12, 3, 60, checks);
    int ahead = ForecastQuery.integer(horizon, "horizon", 3, 1, 24, checks);
    checks.orThrow("The trend query is not valid");
    Scope scope = scope(owner);
    return ApiResponse.of(trendJson(scope, history, ahead));
  }

  private JsonObject trendJson(Scope scope, int history, int ahead) {
    YearMonth last = YearMonth.from(inputs.today()).minusMonths(1);
    Optional<TrendForecast> trend = TrendForecast.wonRevenue(scope.deals(), scope.settings().stages(), scope.settings().currency(), last.minusMonths(history - 1L), last, ahead);
    return ForecastJson.trend(trend, scope.settings().currency());
  }

  @GET
  @Path("/dashboard")
  @Operation(operationId = "getDashboard", summary = "Everything the dashboard shows in one answer: forecast of this and the next three periods, velocity, funnel, waterfall, simulation, stale and slipped deals, calibration and trend")
  @APIResponse(responseCode = "200", description = "The dashboard", content = @Content(schema = @Schema(implementation = ForecastSchemas.DashboardAnswer.class)))
  public ApiResponse<JsonObject> dashboard(
      @BeanParam PeriodParams query) {
    Scope scope = scope(query.owner);
    Checks checks = new Checks();
    ForecastQuery.Length length = ForecastQuery.length(query.period, checks);
    LocalDate today = inputs.today();
    LocalDate day = ForecastQuery.date(query.date, "date", today, checks);
    checks.orThrow("The dashboard query is not valid");
    var settings = scope.settings();
    List<Period> periods = ForecastQuery.periods(length, day, settings.fiscalYearStart(), 4);
    Period current = periods.get(0);
    List<Quotas.Quota> quotaList = quotas.list(scope.schema().id());
    JsonArrayBuilder forecasts = JSON.createArrayBuilder();
    Forecast first = null;
    for (Period p : periods) {
      Forecast f = forecastOf(scope, scope.deals(), p, quotaList, today);
      first = first == null ? f : first;
      forecasts.add(scope.json().forecast(f));
    }
    LocalDate waterfallEnd = min(today, current.end().minusDays(1));
    LocalDate waterfallStart = current.start().minusDays(1);
    var json = JSON.createObjectBuilder().add("period", ForecastJson.period(current)).add("currency", settings.currency().getCurrencyCode()).add("today", today.toString());
    scope.owner().ifPresentOrElse(o -> json.add("owner", o), () -> json.addNull("owner"));
    json.add("forecasts", forecasts)
        .add("velocity", scope.json().metrics(Metrics.of(scope.deals(), settings.stages(), current, settings.currency())))
        .add("funnel", scope.json().funnel(Funnel.of(scope.histories(), settings.stages())))
        .add("waterfall", scope.json().waterfall(Waterfall.of(scope.histories(), settings.stages(), current, settings.currency(), waterfallStart, waterfallEnd.isBefore(waterfallStart) ? waterfallStart : waterfallEnd)))
        .add("simulation", ForecastJson.simulation(MonteCarlo.of(first, 10_000, 1), first))
        .add("aging", scope.json().aging(Aging.of(scope.histories(), settings.stages(), today, settings.staleAfterDays())))
        .add("slipped", scope.json().slipped(Slipped.of(scope.histories(), current, today)))
        .add("calibration", scope.json().calibration(Calibration.of(scope.histories(), settings.stages())))
        .add("trend", trendJson(scope, 12, 3))
        .add("settings", settings.toJson());
    return ApiResponse.of(json.build());
  }

  /** A figure that needs only the deals' histories and settings, for the owner's deals or the team's. */
  private ApiResponse<JsonObject> figure(String owner, Function<Scope, JsonObject> figure) {
    return ApiResponse.of(figure.apply(scope(owner)));
  }

  /** A figure of one period; it reads its own parameters into the checks, and is computed once all of them passed. */
  private interface PeriodFigure {
    Supplier<JsonObject> read(Scope scope, Period period, Checks checks);
  }

  /** The scope and period the query names, with the figure's own parameters checked in the same answer. */
  private ApiResponse<JsonObject> periodFigure(PeriodParams query, String what, PeriodFigure figure) {
    Scope scope = scope(query.owner);
    Checks checks = new Checks();
    Supplier<JsonObject> answer = figure.read(scope, periodOf(scope, query, checks), checks);
    checks.orThrow("The " + what + " query is not valid");
    return ApiResponse.of(answer.get());
  }

  /** The period the query names (length and a day in it, today by default) in the sheet's fiscal calendar. */
  private Period periodOf(Scope scope, PeriodParams query, Checks checks) {
    return ForecastQuery.period(ForecastQuery.length(query.period, checks), ForecastQuery.date(query.date, "date", inputs.today(), checks), scope.settings().fiscalYearStart());
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
