package io.contrivance.bench;

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
import io.contrivance.core.forecast.StageModel;
import io.contrivance.core.forecast.TrendForecast;
import io.contrivance.core.forecast.Waterfall;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The forecasting engine on a large pipeline: 100,000 deals over 18 months in the Sales pipeline
 * template's stages, each with a history of three versions (created, a stage change, an amount or
 * close date change), 40 owners, one currency.
 *
 * <ul>
 *   <li>{@code forecast}: the quarter's forecast by category with roll-ups and quota (the issue's
 *       "full forecast over 100,000 deals");
 *   <li>{@code dashboard}: everything the dashboard endpoint computes in the engine for a quarter:
 *       four quarters of forecast, metrics, funnel, waterfall, aging, slipped, calibration, trend
 *       and a 10,000-trial Monte Carlo of the quarter's pipeline;
 *   <li>{@code monteCarlo}: 10,000 trials over 10,000 deals.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
public class ForecastBenchmark {

  static final Currency USD = Currency.getInstance("USD");
  static final StageModel MODEL = StageModel.salesPipeline();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  static final Period QUARTER = Period.quarterOf(TODAY, Month.JANUARY);
  static final String[] STAGES = {"Lead", "Qualified", "Proposal", "Negotiation", "Closed-Won", "Closed-Lost"};

  private List<DealHistory> histories;
  private List<Deal> deals;
  private List<Forecast.Term> tenThousandTerms;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    histories = new ArrayList<>(100_000);
    LocalDate first = TODAY.minusMonths(18);
    for (int i = 0; i < 100_000; i++) {
      String id = "deal-" + i;
      LocalDate created = first.plusDays(random.nextInt(540));
      LocalDate close = created.plusDays(30 + random.nextInt(180));
      String owner = "owner" + random.nextInt(40);
      long amount = 1_000 + random.nextInt(200) * 500L;
      int stage = random.nextInt(4);
      var versions = new ArrayList<DealHistory.Version>(3);
      versions.add(version(id, created, amount, STAGES[stage], close, owner, created));
      LocalDate moved = created.plusDays(1 + random.nextInt(60));
      int next = random.nextInt(10) < 3 ? 4 + random.nextInt(2) : Math.min(3, stage + 1);
      versions.add(version(id, moved, amount, STAGES[next], close, owner, created));
      LocalDate changed = moved.plusDays(1 + random.nextInt(60));
      boolean slip = random.nextBoolean();
      versions.add(version(id, changed, slip ? amount : amount + 1_000, STAGES[next], slip ? close.plusDays(45) : close, owner, created));
      histories.add(new DealHistory(id, versions));
    }
    deals = DealHistory.current(histories);
    Forecast wide = Forecaster.forecast(deals, MODEL, new Period("all", first, TODAY.plusYears(2)), USD);
    tenThousandTerms = wide.rollups().get(io.contrivance.core.forecast.ForecastCategory.PIPELINE).terms().stream().filter(t -> t.probability().signum() > 0).limit(10_000).toList();
    if (tenThousandTerms.size() < 10_000) {
      throw new IllegalStateException("only " + tenThousandTerms.size() + " open deals to simulate");
    }
  }

  private static DealHistory.Version version(String id, LocalDate on, long amount, String stage, LocalDate close, String owner, LocalDate created) {
    Deal deal = Deal.of(id, Long.toString(amount), "USD", stage, close, owner).withCreated(created);
    return new DealHistory.Version(on.isAfter(TODAY) ? TODAY : on, Optional.of(deal));
  }

  @Benchmark
  public Forecast forecast() {
    return Forecaster.forecast(deals, MODEL, QUARTER, USD, Optional.of(new java.math.BigDecimal("50000000")));
  }

  @Benchmark
  public void dashboard(Blackhole sink) {
    Period period = QUARTER;
    Forecast current = null;
    for (int i = 0; i < 4; i++) {
      Forecast f = Forecaster.forecast(deals, MODEL, period, USD);
      current = current == null ? f : current;
      sink.consume(f);
      period = Period.quarterOf(period.end(), Month.JANUARY);
    }
    sink.consume(Metrics.of(deals, MODEL, QUARTER, USD));
    sink.consume(Funnel.of(histories, MODEL));
    sink.consume(Waterfall.of(histories, MODEL, QUARTER, USD, QUARTER.start().minusDays(1), TODAY));
    sink.consume(Aging.of(histories, MODEL, TODAY, 30));
    sink.consume(Slipped.of(histories, QUARTER, TODAY));
    sink.consume(Calibration.of(histories, MODEL));
    YearMonth last = YearMonth.from(TODAY).minusMonths(1);
    sink.consume(TrendForecast.wonRevenue(deals, MODEL, USD, last.minusMonths(11), last, 3));
    sink.consume(MonteCarlo.of(current, 10_000, 1));
  }

  @Benchmark
  public MonteCarlo monteCarlo() {
    return MonteCarlo.of(tenThousandTerms, 10_000, 7);
  }
}
