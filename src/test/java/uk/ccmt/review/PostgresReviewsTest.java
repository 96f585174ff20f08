package uk.ccmt.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.ccmt.postgres.PostgresForThisJvm;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/**
 * A review on PostgreSQL, as production runs it: the document's bytes (bytea), the groups read by
 * offset, the row lock, the organisations' figures and the calendar's query.
 */
@CcmtTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresReviewsTest extends ProcessTestSupport {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresForThisJvm.useIn(registry);
  }

  @Autowired DocumentReviews reviews;
  @Autowired ReviewReading reading;

  @Autowired ReviewCalendar calendar;

  @Autowired ReviewFigures figures;

  @Test
  void shouldRunAReviewWithAnUploadedDocumentOnPostgres() {
    clockAt("2026-11-30T09:00:00Z");
    given.releaseManager("rachel");
    given.participant("BRG", "LARGE_SUPPLIER", "trials@brg.example");
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    byte[] pdf = "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    String id =
        reviews.start(
            new DocumentReviews.NewReview("Plan", "2.0", null, "2026-12-11", null),
            new Review.Document("plan.pdf", "application/pdf", pdf.length, pdf),
            "rachel");
    runDueJobs();
    assertThat(
            calendar.between(
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
        .hasSize(1);
    answer("NLE", false, "3.2: Too short\np. 4: Name the approver");
    answer("BRG", true, null);
    complete(id, "consolidateReviewComments", Map.of("responses", "1: accepted\n2: noted"));
    runDueJobs();

    assertThat(reading.document(id, ReviewReading.Viewer.STAFF).content()).isEqualTo(pdf);
    assertThat(reading.document(id, new ReviewReading.Viewer(false, List.of("NLE"))).size())
        .isEqualTo(pdf.length);
    assertThat(reading.status(id, ReviewReading.Viewer.STAFF).state()).isEqualTo("PUBLISHED");
    assertThat(reading.list(new ReviewReading.Viewer(false, List.of("BRG")))).hasSize(1);
    assertThat(figures.of("NLE")).containsEntry("answeredOnTime", 1L).containsEntry("comments", 2L);
  }

  private void answer(String code, boolean noComments, String comments) {
    Task task =
        engine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("reviewDocument")
            .tenantIdIn(code)
            .singleResult();
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("noComments", noComments);
    values.put("comments", comments);
    engine.getTaskService().complete(task.getId(), values);
  }
}
