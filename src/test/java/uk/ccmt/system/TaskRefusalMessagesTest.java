package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A refused completion reads as its field and reason, without the engine's task id. */
class TaskRefusalMessagesTest {

  @Test
  void shouldDropTheEnginesTaskIdFromARefusal() {
    assertThat(
            TaskRefusalMessages.withoutTaskId(
                "Cannot submit task form 4af66345-ed94-11f1-a639-02fc00000001: contactPhone: 'call"
                    + " me' may hold only digits"))
        .isEqualTo("contactPhone: 'call me' may hold only digits");
    assertThat(
            TaskRefusalMessages.withoutTaskId("Cannot complete task 42: fixApproved: is required"))
        .isEqualTo("fixApproved: is required");
  }

  @Test
  void shouldDropTheEnginesDefinitionIdFromARefusedStart() {
    assertThat(
            TaskRefusalMessages.withoutTaskId(
                "Cannot instantiate process definition"
                    + " participantQuery:1:5e0c2a1b-ed94-11f1-a639-02fc00000001: subject: is"
                    + " required"))
        .isEqualTo("subject: is required");
  }

  @Test
  void shouldLeaveEveryOtherMessageAsItIs() {
    assertThat(TaskRefusalMessages.withoutTaskId("Task with id 42 does not exist"))
        .isEqualTo("Task with id 42 does not exist");
  }
}
