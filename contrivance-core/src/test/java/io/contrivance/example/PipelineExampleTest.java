package io.contrivance.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The embedding guide's example runs and prints what the guide says it prints. */
class PipelineExampleTest {

  @Test
  void guideExample_runsAsDocumented() {
    PrintStream original = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      PipelineExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("Money[amount=12500, currency=USD]")
        .contains("stage not_an_option: Stage: 'Won' is not one of the options (Lead, Qualified, Proposal, Negotiation, Closed-Won, Closed-Lost)")
        .contains("deal_value min: Deal Value must be at least $0.00")
        .contains("someone else changed it; now at version 2")
        .contains("1 convert, 1 do not")
        .contains("min_length")
        .contains("revision 1: RowsAdded")
        .contains("revision 2: RowUpdated");
  }
}
