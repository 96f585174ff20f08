package uk.ccmt.system;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The Camunda groups of PRODUCT.md §2. */
public final class Groups {

  public static final String RELEASE_MANAGERS = "release-managers";
  public static final String DEVELOPMENT_TEAM = "development-team";
  public static final String TEST_TEAM = "test-team";
  public static final String PARTICIPANTS = "participants";
  public static final String ADMINISTRATORS = "camunda-admin";

  /** The Tasklist filter every participant user reads: the tasks of their own organisation. */
  public static final String ORGANISATION_TASKS_FILTER = "My organisation's tasks";

  public static final List<String> ALL =
      List.of(RELEASE_MANAGERS, DEVELOPMENT_TEAM, TEST_TEAM, PARTICIPANTS, ADMINISTRATORS);

  /**
   * The programme's own staff, who work across every organisation and so see every tenant
   * (StaffSeeEveryTenant); participants see their organisation's tenant only.
   */
  public static final List<String> STAFF =
      List.of(RELEASE_MANAGERS, DEVELOPMENT_TEAM, TEST_TEAM, ADMINISTRATORS);

  private Groups() {}

  private static final String PARTICIPANT_PREFIX = "participant-";
  private static final String AUTHORITY_PREFIX = "GROUP_";

  /** The group of one participant organisation's users, such as participant-NLE. */
  public static String ofParticipant(String code) {
    return PARTICIPANT_PREFIX + code;
  }

  /** The Spring Security authority of a group's members. */
  public static String authority(String group) {
    return AUTHORITY_PREFIX + group;
  }

  /** The Camunda groups of an authenticated API caller. */
  public static List<String> of(Authentication user) {
    return user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(AUTHORITY_PREFIX))
        .map(authority -> authority.substring(AUTHORITY_PREFIX.length()))
        .toList();
  }

  /** Release managers and administrators act for the whole programme in the API. */
  public static boolean isProgrammeStaff(List<String> groups) {
    return groups.contains(RELEASE_MANAGERS) || groups.contains(ADMINISTRATORS);
  }

  /** The organisations whose groups (participant-&lt;CODE&gt;) are among these, by code. */
  public static List<String> organisationsIn(List<String> groups) {
    return groups.stream()
        .filter(group -> group.startsWith(PARTICIPANT_PREFIX))
        .map(group -> group.substring(PARTICIPANT_PREFIX.length()))
        .sorted()
        .toList();
  }
}
