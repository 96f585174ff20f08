package uk.ccmt.system;

import java.util.List;

/** The Camunda groups of PRODUCT.md §2. */
public final class Groups {

  public static final String RELEASE_MANAGERS = "release-managers";
  public static final String DEVELOPMENT_TEAM = "development-team";
  public static final String TEST_TEAM = "test-team";
  public static final String PARTICIPANTS = "participants";
  public static final String ADMINISTRATORS = "camunda-admin";
  /** The Tasklist filter every participant user reads: the tasks of their own organisation. */
  public static final String ORGANISATION_TASKS_FILTER = "My organisation's tasks";

  public static final List<String> ALL = List.of(RELEASE_MANAGERS, DEVELOPMENT_TEAM, TEST_TEAM, PARTICIPANTS,
      ADMINISTRATORS);

  private Groups() {
  }

  /** The group of one participant organisation's users, such as participant-NLE. */
  public static String ofParticipant(String code) {
    return "participant-" + code;
  }

  /** The Spring Security authority of a group's members. */
  public static String authority(String group) {
    return "GROUP_" + group;
  }
}
