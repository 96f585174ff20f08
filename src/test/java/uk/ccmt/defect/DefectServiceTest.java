package uk.ccmt.defect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;

@CcmtTest
class DefectServiceTest {

  @Autowired DefectService defects;

  @Autowired TestData given;

  /** More ids than one IN list takes: every defect once, in id order, whatever order was asked. */
  @Test
  void shouldFindEveryDefectOfALongListOnceInIdOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      String id = "D-%04d".formatted(i);
      given.raisedDefect(id);
      ids.add(id);
    }
    List<String> asked = new ArrayList<>(ids);
    Collections.reverse(asked);
    asked.add("D-0007");
    asked.add("D-9999");

    assertThat(defects.withIds(asked)).extracting(Defect::id).containsExactlyElementsOf(ids);
  }
}
