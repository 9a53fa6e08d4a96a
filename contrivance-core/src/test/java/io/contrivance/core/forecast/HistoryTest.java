package io.contrivance.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrivance.core.forecast.Waterfall.Change;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Figures read from deals' histories, each worked out by hand. The story, in Q4 2026 (1 Oct to 31
 * Dec), looked at from 30 Sep to 23 Nov:
 *
 * <pre>
 *   A  1 Sep Lead 10,000 closing 10 Dec;  5 Oct Qualified;  1 Nov Proposal at 12,000
 *   B 10 Sep Proposal 20,000 closing 15 Nov;  10 Nov Closed-Won
 *   C 15 Sep Negotiation 30,000 closing 20 Dec;  20 Oct close moved to 10 Feb 2027
 *   D 10 Oct Lead 5,000 closing 1 Dec (created within the window)
 *   E 20 Sep Qualified 8,000 closing 1 Mar 2027;  5 Nov close moved to 5 Dec
 *   F  5 Sep Lead 7,000 closing 30 Nov;  25 Oct Closed-Lost
 *   G  1 Sep Qualified 4,000 closing 31 Dec;  2 Nov deleted
 *   H 15 Oct Negotiation 6,000 closing 20 Nov;  20 Nov Closed-Won
 *   I  2 Jan Lead 3,000 closing 15 Jan;  1 Feb Closed-Lost (all in early 2026)
 *   J  1 Sep in a stage "Discovery" the stage model does not know
 *   K 20 Nov Lead 1,000 closing 21 Nov
 * </pre>
 */
class HistoryTest {

  static final LocalDate FROM = LocalDate.of(2026, 9, 30);
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  static LocalDate d(int month, int day) {
    return LocalDate.of(2026, month, day);
  }

  static DealHistory.Version v(String id, LocalDate on, String amount, String stage, LocalDate close) {
    return new DealHistory.Version(on, Optional.of(Deal.of(id, amount, "USD", stage, close, "ada")));
  }

  static DealHistory history(String id, DealHistory.Version... versions) {
    return new DealHistory(id, List.of(versions));
  }

  static List<DealHistory> story() {
    return List.of(
        history("A", v("A", d(9, 1), "10000", "Lead", d(12, 10)), v("A", d(10, 5), "10000", "Qualified", d(12, 10)), v("A", d(11, 1), "12000", "Proposal", d(12, 10))),
        history("B", v("B", d(9, 10), "20000", "Proposal", d(11, 15)), v("B", d(11, 10), "20000", "Closed-Won", d(11, 15))),
        history("C", v("C", d(9, 15), "30000", "Negotiation", d(12, 20)), v("C", d(10, 20), "30000", "Negotiation", LocalDate.of(2027, 2, 10))),
        history("D", v("D", d(10, 10), "5000", "Lead", d(12, 1))),
        history("E", v("E", d(9, 20), "8000", "Qualified", LocalDate.of(2027, 3, 1)), v("E", d(11, 5), "8000", "Qualified", d(12, 5))),
        history("F", v("F", d(9, 5), "7000", "Lead", d(11, 30)), v("F", d(10, 25), "7000", "Closed-Lost", d(11, 30))),
        history("G", v("G", d(9, 1), "4000", "Qualified", d(12, 31)), new DealHistory.Version(d(11, 2), Optional.empty())),
        history("H", v("H", d(10, 15), "6000", "Negotiation", d(11, 20)), v("H", d(11, 20), "6000", "Closed-Won", d(11, 20))),
        history("I", v("I", d(1, 2), "3000", "Lead", d(1, 15)), v("I", d(2, 1), "3000", "Closed-Lost", d(1, 15))),
        history("J", v("J", d(9, 1), "2000", "Discovery", d(12, 1))),
        history("K", v("K", d(11, 20), "1000", "Lead", d(11, 21))));
  }

  @Test
  void asOf_rebuildsThePipelineOfAPastDay() {
    List<Deal> then = DealHistory.asOf(story(), FROM);
    assertThat(then).extracting(Deal::id).containsExactly("A", "B", "C", "E", "F", "G", "I", "J");
    assertThat(then.get(0).stage()).contains("Lead");
    Forecast f = Forecaster.forecast(then, ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD);
    // A 10,000 × 10 % + B 20,000 × 50 % + C 30,000 × 80 % + F 7,000 × 10 % + G 4,000 × 20 %
    // = 1,000 + 10,000 + 24,000 + 700 + 800 = 36,500; J is excluded for its stage.
    assertThat(f.weightedPipeline()).isEqualByComparingTo("36500");
    assertThat(f.excluded()).containsExactly(new Forecast.Excluded("J", "unknown stage 'Discovery'"));
  }

  @Test
  void asOf_beforeADealExisted_orAfterItWasDeleted_isEmpty() {
    DealHistory g = story().get(6);
    assertThat(g.asOf(d(8, 31))).isEmpty();
    assertThat(g.asOf(d(11, 1))).isPresent();
    assertThat(g.asOf(d(11, 2))).isEmpty();
    assertThat(g.current()).isEmpty();
  }

  @Test
  void sameDayVersions_theLastOfTheDayCounts() {
    DealHistory h = history("X", v("X", d(5, 1), "1", "Lead", d(6, 1)), v("X", d(5, 1), "2", "Qualified", d(6, 1)));
    assertThat(h.asOf(d(5, 1)).flatMap(Deal::stage)).contains("Qualified");
  }

  @Test
  void funnel_countsEveryStageADealReached_andConvertsStageToStage() {
    Funnel funnel = Funnel.of(story(), ForecasterTest.MODEL);
    // Reached Lead: A B C D E F H I K (9); Qualified: A B C E H (5); Proposal: A B C H (4);
    // Negotiation: B C H (3); won: B H (2). G is deleted, J unknown.
    assertThat(funnel.steps()).extracting(Funnel.Step::stage).containsExactly("Lead", "Qualified", "Proposal", "Negotiation");
    assertThat(funnel.steps()).extracting(s -> s.reached().size()).containsExactly(9, 5, 4, 3);
    assertThat(funnel.steps()).extracting(Funnel.Step::advanced).containsExactly(5, 4, 3, 2);
    assertThat(funnel.steps().get(0).conversion().orElseThrow()).isEqualByComparingTo("0.555556"); // 5/9
    assertThat(funnel.steps().get(1).conversion().orElseThrow()).isEqualByComparingTo("0.8"); // 4/5
    assertThat(funnel.steps().get(2).conversion().orElseThrow()).isEqualByComparingTo("0.75"); // 3/4
    assertThat(funnel.steps().get(3).conversion().orElseThrow()).isEqualByComparingTo("0.666667"); // 2/3
    assertThat(funnel.steps().get(3).next()).isEqualTo("won");
    assertThat(funnel.won()).containsExactly("B", "H");
    assertThat(funnel.overall().orElseThrow()).isEqualByComparingTo("0.222222"); // 2/9
    assertThat(funnel.excluded()).containsExactly(new Forecast.Excluded("J", "unknown stage 'Discovery'"));
  }

  @Test
  void funnel_ofNothing_hasNoConversions() {
    Funnel funnel = Funnel.of(List.of(), ForecasterTest.MODEL);
    assertThat(funnel.steps()).allSatisfy(s -> assertThat(s.conversion()).isEmpty());
    assertThat(funnel.overall()).isEmpty();
  }

  @Test
  void calibration_setsTheHistoricalWinRateFromEachStageBesideTheConfiguredOne() {
    Calibration c = Calibration.of(story(), ForecasterTest.MODEL);
    // Closed: B and H won (reached every stage), F and I lost (reached Lead only).
    Calibration.Entry lead = c.stages().get(0);
    assertThat(lead.configured()).isEqualByComparingTo("0.1");
    assertThat(lead.won()).containsExactly("B", "H");
    assertThat(lead.lost()).containsExactly("F", "I");
    assertThat(lead.historical().orElseThrow()).isEqualByComparingTo("0.5");
    assertThat(c.stages().subList(1, 4)).allSatisfy(e -> assertThat(e.historical().orElseThrow()).isEqualByComparingTo("1"));
  }

  @Test
  void calibration_withOnlyOpenDeals_knowsNothing() {
    Calibration c = Calibration.of(List.of(story().get(0)), ForecasterTest.MODEL);
    assertThat(c.stages()).allSatisfy(e -> assertThat(e.historical()).isEmpty());
  }

  @Test
  void aging_measuresDaysInTheCurrentStage_andFlagsStaleDeals() {
    Aging aging = Aging.of(story(), ForecasterTest.MODEL, TODAY, 30);
    // C in Negotiation since 15 Sep (the close date change kept the stage): 69 days; E in Qualified
    // since 20 Sep: 64; D in Lead since 10 Oct: 44; A in Proposal since 1 Nov: 22; K since 20 Nov: 3.
    assertThat(aging.deals()).extracting(Aging.Entry::dealId).containsExactly("C", "E", "D", "A", "K");
    assertThat(aging.deals()).extracting(Aging.Entry::days).containsExactly(69L, 64L, 44L, 22L, 3L);
    assertThat(aging.deals().get(0).since()).isEqualTo(d(9, 15));
    assertThat(aging.stale()).extracting(Aging.Entry::dealId).containsExactly("C", "E", "D", "K");
    assertThat(aging.deals().get(4).staleBecause()).containsExactly("expected to close on 2026-11-21, still open");
    assertThat(aging.deals().get(0).staleBecause()).containsExactly("in Negotiation for 69 days (more than 30)");
    // Lead holds D (44) and K (3): mean 23.5, longest 44.
    Aging.StageAge lead = aging.stages().get(0);
    assertThat(lead.deals()).isEqualTo(2);
    assertThat(lead.averageDays().orElseThrow()).isEqualByComparingTo("23.5");
    assertThat(lead.maxDays()).isEqualTo(44);
    assertThat(aging.excluded()).extracting(Forecast.Excluded::dealId).containsExactly("J");
  }

  @Test
  void slipped_findsDealsWhoseCloseDateLeftThePeriod() {
    Slipped slipped = Slipped.of(story(), ForecasterTest.Q4, TODAY);
    assertThat(slipped.deals()).containsExactly(new Slipped.Entry("C", d(12, 20), LocalDate.of(2027, 2, 10), Optional.of(new BigDecimal("30000")), Optional.of("Negotiation")));
    // Looked at before the move, nothing had slipped yet.
    assertThat(Slipped.of(story(), ForecasterTest.Q4, d(10, 19)).deals()).isEmpty();
  }

  @Test
  void waterfall_explainsTheChangeFromStartToEnd() {
    Waterfall w = Waterfall.of(story(), ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD, FROM, TODAY);
    // Start: A 10,000 + B 20,000 + C 30,000 + F 7,000 + G 4,000 = 71,000 (E closed after Q4 then).
    assertThat(w.start().amount()).isEqualByComparingTo("71000");
    assertThat(amount(w, Change.NEW)).isEqualByComparingTo("12000"); // D 5,000 + H 6,000 + K 1,000
    assertThat(w.changes().get(Change.NEW).moves()).extracting(Waterfall.Move::dealId).containsExactly("D", "H", "K");
    assertThat(amount(w, Change.PULLED_IN)).isEqualByComparingTo("8000"); // E
    assertThat(amount(w, Change.INCREASED)).isEqualByComparingTo("2000"); // A 10,000 → 12,000
    assertThat(amount(w, Change.DECREASED)).isEqualByComparingTo("0");
    assertThat(amount(w, Change.WON)).isEqualByComparingTo("26000"); // B 20,000 + H 6,000
    assertThat(amount(w, Change.LOST)).isEqualByComparingTo("7000"); // F
    assertThat(amount(w, Change.SLIPPED)).isEqualByComparingTo("30000"); // C
    assertThat(amount(w, Change.REMOVED)).isEqualByComparingTo("4000"); // G, deleted
    // End: A 12,000 + D 5,000 + E 8,000 + K 1,000 = 26,000.
    assertThat(w.end().amount()).isEqualByComparingTo("26000");
    assertThat(sumOfBars(w)).isEqualByComparingTo(w.end().amount());
  }

  @Test
  void waterfall_overRandomHistories_alwaysAddsUp() {
    var random = new java.util.Random(5);
    String[] stages = {"Lead", "Qualified", "Proposal", "Negotiation", "Closed-Won", "Closed-Lost"};
    for (int run = 0; run < 200; run++) {
      var histories = new ArrayList<DealHistory>();
      for (int deal = 0; deal < 20; deal++) {
        var versions = new ArrayList<DealHistory.Version>();
        LocalDate on = d(8, 1).plusDays(random.nextInt(60));
        for (int change = 0; change < 1 + random.nextInt(4); change++) {
          boolean deleted = random.nextInt(12) == 0;
          Deal value = Deal.of("d" + deal, String.valueOf(random.nextInt(100) * 100), "USD", stages[random.nextInt(stages.length)], d(9, 1).plusDays(random.nextInt(150)), "ada");
          versions.add(new DealHistory.Version(on, deleted ? Optional.empty() : Optional.of(value)));
          on = on.plusDays(random.nextInt(40));
        }
        histories.add(new DealHistory("d" + deal, versions));
      }
      Waterfall w = Waterfall.of(histories, ForecasterTest.MODEL, ForecasterTest.Q4, ForecasterTest.USD, FROM, TODAY);
      assertThat(sumOfBars(w)).as("run %d", run).isEqualByComparingTo(w.end().amount());
    }
  }

  static BigDecimal amount(Waterfall w, Change change) {
    return w.changes().get(change).amount();
  }

  static BigDecimal sumOfBars(Waterfall w) {
    BigDecimal sum = w.start().amount();
    for (Change change : Change.values()) {
      sum = change.adds() ? sum.add(amount(w, change)) : sum.subtract(amount(w, change));
    }
    return sum;
  }
}
