package io.contrivance.server.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The published shapes of forecasts, pipeline figures, settings and quotas: what {@code /openapi}
 * shows and clients generate their models from. Money is a plain decimal in the forecast's
 * currency ({@code 105500.00}); a figure that cannot be computed yet is null. Bodies are read and
 * checked by hand, every failing field in one answer (see the sheet package's {@code SheetSchemas}).
 */
public final class ForecastSchemas {

  private ForecastSchemas() {}

  // ------------------------------------------------------------------ requests

  @Schema(description = "How the sheet's deals are forecast: stages with probabilities, the columns that hold each deal's facts, the currency and the fiscal year")
  public record ForecastSettingsInput(
      @Schema(required = true, description = "The pipeline's stages in order") List<StageSetting> stages,
      @Schema(required = true) ColumnMapping mapping,
      @Schema(required = true, example = "USD") String currency,
      @Schema(description = "The month the fiscal year starts, 1 to 12", defaultValue = "1", minimum = "1", maximum = "12") Integer fiscalYearStart,
      @Schema(description = "Days in one stage after which an open deal is stale", defaultValue = "30") Integer staleAfterDays) {}

  @Schema(description = "A pipeline stage")
  public record StageSetting(
      @Schema(required = true, example = "Proposal") String name,
      @Schema(required = true, description = "0 to 1", example = "0.5") BigDecimal probability,
      @Schema(required = true, enumeration = {"open", "won", "lost"}) String outcome,
      @Schema(required = true, enumeration = {"pipeline", "best_case", "commit", "closed", "omitted"}) String category) {}

  @Schema(description = "The columns (by id or name) that hold each deal's facts; amount, stage and expected_close are required")
  public record ColumnMapping(
      @Schema(required = true, example = "deal_value") String amount,
      @Schema(required = true, example = "stage") String stage,
      @Schema(required = true, example = "close_date") String expectedClose,
      @Schema(nullable = true) String owner,
      @Schema(nullable = true, description = "A per-deal probability that overrides the stage's") String probability,
      @Schema(nullable = true, description = "A per-deal category that overrides the stage's") String category,
      @Schema(nullable = true, description = "When the deal was created, if not the row's creation") String created,
      @Schema(nullable = true, description = "The deal's name in reports") String label) {}

  @Schema(description = "A quota for an owner (or the team) and the period holding date")
  public record QuotaInput(
      @Schema(nullable = true, description = "An owner's name as in the owner column; null for the team", example = "ada") String owner,
      @Schema(required = true, enumeration = {"month", "quarter", "year"}) String period,
      @Schema(required = true, description = "A day in the period", example = "2026-10-01") String date,
      @Schema(required = true, example = "50000") BigDecimal amount) {}

  @Schema(description = "A quota's new amount")
  public record QuotaChange(@Schema(required = true, example = "60000") BigDecimal amount) {}

  // ------------------------------------------------------------------ answers

  @Schema(description = "A fiscal period: start inclusive, end exclusive")
  public record Period(@Schema(example = "FY2026 Q4") String label, @Schema(example = "2026-10-01") String start, @Schema(example = "2027-01-01") String end) {}

  @Schema(description = "A deal left out of the figures, and why")
  public record Excluded(String id, @Schema(nullable = true) String label, @Schema(example = "no stage") String reason) {}

  @Schema(description = "A deal's part of a forecast category")
  public record ForecastDeal(String id, @Schema(nullable = true) String label, BigDecimal amount, BigDecimal probability, BigDecimal weighted, String category) {}

  @Schema(description = "The deals of one category, with their sums")
  public record CategoryTotal(BigDecimal amount, BigDecimal weighted, int count, List<ForecastDeal> deals) {}

  @Schema(description = "A category with every category before it (commit includes closed, best case includes commit, ...)")
  public record CategoryRollup(BigDecimal amount, BigDecimal weighted, int count, List<String> dealIds) {}

  @Schema(description = "One figure per forecast category")
  public record Categories(CategoryTotal pipeline, CategoryTotal bestCase, CategoryTotal commit, CategoryTotal closed, CategoryTotal omitted) {}

  @Schema(description = "One roll-up per forecast category")
  public record Rollups(CategoryRollup pipeline, CategoryRollup bestCase, CategoryRollup commit, CategoryRollup closed, CategoryRollup omitted) {}

  @Schema(description = "How far closed business is toward the quota")
  public record QuotaAttainment(BigDecimal quota, BigDecimal closed, @Schema(description = "closed / quota") BigDecimal attainment, BigDecimal gap) {}

  @Schema(description = "The forecast of one period")
  public record PeriodForecast(
      Period period,
      String currency,
      Categories categories,
      Rollups rollups,
      BigDecimal weightedPipeline,
      @Schema(nullable = true, description = "Present when a quota is set for the period") QuotaAttainment quota,
      List<Excluded> excluded,
      @Schema(description = "open deals counted here although their expected close has passed (in the period holding today)") List<PastDue> pastDue) {}

  /** An open deal past its expected close. */
  public record PastDue(String id, @Schema(nullable = true) String label, LocalDate expectedClose, long daysLate) {}

  @Schema(description = "Forecasts of consecutive periods")
  public record Forecast(@Schema(nullable = true) String owner, @Schema(nullable = true, description = "The day the pipeline was read as of, when asked") String asOf, List<PeriodForecast> periods) {}

  @Schema(description = "Win rate, deal size, cycle length and velocity over deals closed in the period")
  public record Velocity(
      @Schema(nullable = true) BigDecimal winRate,
      @Schema(nullable = true) BigDecimal averageDealSize,
      @Schema(nullable = true) BigDecimal salesCycleDays,
      @Schema(nullable = true) BigDecimal velocityPerDay,
      List<String> openDeals,
      List<String> won,
      List<String> lost,
      List<Excluded> excluded,
      Period period,
      String currency) {}

  @Schema(description = "A stage of the funnel: deals that reached it and how many went on")
  public record FunnelStep(String stage, int reached, String next, int advanced, @Schema(nullable = true) BigDecimal conversion, List<String> deals) {}

  @Schema(description = "Stage-to-stage conversion")
  public record Funnel(List<FunnelStep> steps, List<String> won, @Schema(nullable = true) BigDecimal overall, List<Excluded> excluded) {}

  @Schema(description = "A stage's configured probability beside the share of its closed deals that were won")
  public record CalibrationStage(String stage, BigDecimal configured, int closed, List<String> won, List<String> lost, @Schema(nullable = true) BigDecimal historical) {}

  @Schema(description = "Configured probabilities against history")
  public record Calibration(List<CalibrationStage> stages, List<Excluded> excluded) {}

  @Schema(description = "An open deal's time in its stage")
  public record AgingDeal(String id, @Schema(nullable = true) String label, String stage, String since, int days, @Schema(nullable = true) String expectedClose, boolean stale, List<String> staleBecause) {}

  @Schema(description = "Time spent in one stage")
  public record StageAge(String stage, int deals, int maxDays, @Schema(nullable = true) BigDecimal averageDays) {}

  @Schema(description = "How long open deals have been in their stages")
  public record Aging(int staleAfterDays, int staleCount, List<AgingDeal> deals, List<StageAge> stages, List<Excluded> excluded) {}

  @Schema(description = "A deal whose expected close moved out of the period")
  public record SlippedDeal(String id, @Schema(nullable = true) String label, String from, String to, @Schema(nullable = true) BigDecimal amount, @Schema(nullable = true) String stage) {}

  @Schema(description = "Deals that slipped out of the period")
  public record Slipped(Period period, List<SlippedDeal> deals) {}

  @Schema(description = "A deal's part of a waterfall step")
  public record DealAmount(String id, @Schema(nullable = true) String label, BigDecimal amount) {}

  @Schema(description = "The pipeline at one end of the waterfall")
  public record WaterfallEnd(BigDecimal amount, List<DealAmount> deals) {}

  @Schema(description = "One kind of change between the waterfall's two days")
  public record WaterfallStep(@Schema(enumeration = {"new", "pulled_in", "increased", "decreased", "won", "lost", "slipped", "removed"}) String change, @Schema(description = "1 adds, -1 takes away") int sign, BigDecimal amount, List<DealAmount> deals) {}

  @Schema(description = "How the period's pipeline changed from one day to another")
  public record Waterfall(Period period, String from, String to, String currency, WaterfallEnd start, List<WaterfallStep> steps, WaterfallEnd end) {}

  @Schema(description = "Monte Carlo outcomes of the period's open deals")
  public record Simulation(Period period, String currency, int trials, long seed, BigDecimal p10, BigDecimal p50, BigDecimal p90, BigDecimal mean, BigDecimal weightedPipeline, int deals) {}

  @Schema(description = "A month of closed business and the model's fit")
  public record TrendMonth(@Schema(example = "2026-01") String month, BigDecimal actual, @Schema(nullable = true) BigDecimal fitted) {}

  @Schema(description = "A month ahead")
  public record TrendPoint(String month, BigDecimal value) {}

  @Schema(description = "Closed business by month, smoothed (Holt's linear method) and projected; available false with a reason when history is too short")
  public record Trend(
      boolean available,
      @Schema(nullable = true) String reason,
      String method,
      String currency,
      Double alpha,
      Double beta,
      BigDecimal level,
      BigDecimal trend,
      BigDecimal mse,
      BigDecimal rmse,
      BigDecimal mae,
      List<TrendMonth> history,
      List<TrendPoint> forecast) {}

  @Schema(description = "A stage as configured")
  public record StageView(String name, BigDecimal probability, String outcome, String category) {}

  @Schema(description = "The forecast settings in use; stored false means the defaults derived from the sheet")
  public record ForecastSettingsView(List<StageView> stages, ColumnMapping mapping, String currency, int fiscalYearStart, int staleAfterDays, boolean stored) {}

  @Schema(description = "Everything the dashboard shows, read at once")
  public record Dashboard(
      Period period,
      String currency,
      String today,
      @Schema(nullable = true) String owner,
      List<PeriodForecast> forecasts,
      Velocity velocity,
      Funnel funnel,
      Waterfall waterfall,
      Simulation simulation,
      Aging aging,
      Slipped slipped,
      Calibration calibration,
      Trend trend,
      ForecastSettingsView settings) {}

  @Schema(description = "A quota")
  public record QuotaView(String id, @Schema(description = "Absent for the team's quota") String owner, Period period, BigDecimal amount, String currency) {}

  // ------------------------------------------------------------------ envelopes

  public record ForecastAnswer(@Schema(required = true) boolean success, @Schema(required = true) Forecast data) {}

  public record VelocityAnswer(@Schema(required = true) boolean success, @Schema(required = true) Velocity data) {}

  public record FunnelAnswer(@Schema(required = true) boolean success, @Schema(required = true) Funnel data) {}

  public record CalibrationAnswer(@Schema(required = true) boolean success, @Schema(required = true) Calibration data) {}

  public record AgingAnswer(@Schema(required = true) boolean success, @Schema(required = true) Aging data) {}

  public record SlippedAnswer(@Schema(required = true) boolean success, @Schema(required = true) Slipped data) {}

  public record WaterfallAnswer(@Schema(required = true) boolean success, @Schema(required = true) Waterfall data) {}

  public record SimulationAnswer(@Schema(required = true) boolean success, @Schema(required = true) Simulation data) {}

  public record TrendAnswer(@Schema(required = true) boolean success, @Schema(required = true) Trend data) {}

  public record DashboardAnswer(@Schema(required = true) boolean success, @Schema(required = true) Dashboard data) {}

  public record ForecastSettingsAnswer(@Schema(required = true) boolean success, @Schema(required = true) ForecastSettingsView data) {}

  public record QuotaAnswer(@Schema(required = true) boolean success, @Schema(required = true) QuotaView data) {}

  public record QuotaList(@Schema(required = true) boolean success, @Schema(required = true) List<QuotaView> data) {}
}
