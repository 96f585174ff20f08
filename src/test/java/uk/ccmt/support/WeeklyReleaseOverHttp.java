package uk.ccmt.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Driving a weekly release of the running app over engine REST, as its HTTP tests do. */
public final class WeeklyReleaseOverHttp {

  private WeeklyReleaseOverHttp() {}

  /** The ISO week (2026-W49) whose Thursday is today or still ahead in the calendar's zone. */
  public static String weekWhoseThursdayIsStillAhead(ZoneId calendarZone) {
    LocalDate today = LocalDate.now(calendarZone);
    LocalDate thursday = today.with(DayOfWeek.THURSDAY);
    if (thursday.isBefore(today)) {
      thursday = thursday.plusWeeks(1);
    }
    return String.format(
        "%d-W%02d",
        thursday.get(IsoFields.WEEK_BASED_YEAR), thursday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The one weeklyRelease instance of the release, as an operator finds it. */
  public static String weeklyReleaseInstance(HttpCaller admin, String releaseId) {
    JsonNode instances =
        admin
            .get(
                "/engine-rest/process-instance?processDefinitionKey=weeklyRelease&businessKey="
                    + releaseId)
            .getBody();
    assertThat(instances).hasSize(1);
    return instances.get(0).path("id").asText();
  }

  /** Fires the instance's timer at this activity, as an operator would, if it is still waiting. */
  public static void fireTimerIfWaiting(
      HttpCaller admin, String processInstanceId, String activityId) {
    JsonNode timers =
        admin
            .get(
                "/engine-rest/job?timers=true&processInstanceId="
                    + processInstanceId
                    + "&activityId="
                    + activityId)
            .getBody();
    if (timers.isEmpty()) {
      return;
    }
    String jobId = timers.get(0).path("id").asText();
    ResponseEntity<JsonNode> fired = admin.post("/engine-rest/job/" + jobId + "/execute", null);
    if (!fired.getStatusCode().isSameCodeAs(HttpStatus.NO_CONTENT)) {
      assertThat(admin.get("/engine-rest/job/" + jobId).getStatusCode())
          .as("timer %s answered %s: it must have fired already", activityId, fired.getStatusCode())
          .isEqualTo(HttpStatus.NOT_FOUND);
    }
  }
}
