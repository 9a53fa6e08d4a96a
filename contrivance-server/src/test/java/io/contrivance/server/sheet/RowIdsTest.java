package io.contrivance.server.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowIdsTest {

  @Test
  void idsAreVersion7Uuids_orderedByTheMillisecondTheyWereMade() throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(RowIds.SOURCE.next());
      Thread.sleep(2);
    }
    assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    // Later ids sort after earlier ones as text too, which is how the rows' index orders them.
    assertThat(ids).isSorted().doesNotHaveDuplicates();
  }
}
