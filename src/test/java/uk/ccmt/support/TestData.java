package uk.ccmt.support;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.defect.DefectService.FixRequest;
import uk.ccmt.defect.DefectService.NewDefect;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.participant.ParticipantService.NewParticipant;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseWeek;

/** Small named factories for test data. */
@Component
public class TestData {

  private final ParticipantService participants;

  public static final String PASSWORD = "test-password";

  private final DefectService defects;
  private final ReleaseService releases;
  private final IdentityService identity;

  TestData(
      DefectService defects,
      ReleaseService releases,
      IdentityService identity,
      ParticipantService participants) {
    this.participants = participants;
    this.defects = defects;
    this.releases = releases;
    this.identity = identity;
  }

  /** A defect raised and fixed in the given build: a candidate for the next regular release. */
  public Defect fixedDefect(String id, String buildVersion) {
    defects.raise(
        new NewDefect(
            id,
            "Defect " + id + " found in market trials",
            "S2",
            false,
            "Switching",
            "Test participant"));
    return defects.fix(id, new FixRequest(buildVersion));
  }

  public List<Defect> fixedDefects(String buildVersion, String... ids) {
    return List.of(ids).stream().map(id -> fixedDefect(id, buildVersion)).toList();
  }

  /**
   * A configuration change with this id, title and package: a candidate at once (issue 15). The
   * development team's devon created it.
   */
  public Defect configurationChange(String id, String title, String buildVersion) {
    return defects.createChange(
        new uk.ccmt.defect.DefectService.NewChange(id, title, "Reference data", buildVersion, null),
        "devon");
  }

  /** A fixed defect with this exact title, as its raiser typed it. */
  public Defect fixedDefectTitled(String id, String title, String buildVersion) {
    defects.raise(new NewDefect(id, title, "S2", false, "Switching", "Test participant"));
    return defects.fix(id, new FixRequest(buildVersion));
  }

  /** An S1 defect that stops testing: raising it starts its emergency release E-&lt;id&gt;. */
  public Defect s1DefectStoppingTests(String id) {
    return defects.raise(
        new NewDefect(
            id,
            "Defect " + id + " stops switching tests",
            "S1",
            true,
            "Switching",
            "Challenger Energy"));
  }

  /**
   * The week's regular release with the fixed defects collected into it, as weeklyRelease does on
   * Monday.
   */
  public Release weeklyReleaseOfFixedDefects(String week) {
    ReleaseWeek releaseWeek = ReleaseWeek.parse(week);
    releases.registerWeekly(releaseWeek, null);
    releases.collectFixedDefects(releaseWeek.releaseId());
    return releases.get(releaseWeek.releaseId());
  }

  /**
   * An emergency release for an S1 defect that went live (now, by the engine clock), without
   * walking through emergencyRelease: raising the defect registers the release E-&lt;defect id&gt;,
   * and this marks it running in the live test environment.
   */
  public Release emergencyReleaseLive(String releaseId, String defectId, String buildVersion) {
    if (!releaseId.equals("E-" + defectId)) {
      throw new IllegalArgumentException(
          "the emergency release of " + defectId + " is E-" + defectId);
    }
    s1DefectStoppingTests(defectId);
    releases.changeBuild(releaseId, buildVersion, "a corrected build");
    releases.markRunningInLive(releaseId);
    return releases.get(releaseId);
  }

  public Defect raisedDefect(String id) {
    return defects.raise(
        new NewDefect(
            id,
            "Defect " + id + " found in market trials",
            "S3",
            false,
            "Registration",
            "Test participant"));
  }

  /** An organisation taking part, with its contacts. */
  public void participant(String code, String category, String... contactEmails) {
    participants.register(
        new NewParticipant(
            code, "Organisation " + code, category, "North West", List.of(contactEmails), true));
  }

  /** An organisation sitting this phase out: it gets no email. */
  public void participantNotTakingPart(String code, String... contactEmails) {
    participants.register(
        new NewParticipant(
            code, "Organisation " + code, "CHALLENGER", null, List.of(contactEmails), false));
  }

  /**
   * A user of a participant organisation: in participant-&lt;CODE&gt; and participants, with {@link
   * #PASSWORD}.
   */
  public String organisationUser(String id, String code) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(PASSWORD);
      user.setEmail(id + "@" + code.toLowerCase(java.util.Locale.ROOT) + ".example");
      identity.saveUser(user);
      identity.createMembership(id, uk.ccmt.system.Groups.ofParticipant(code));
      identity.createMembership(id, uk.ccmt.system.Groups.PARTICIPANTS);
    }
    return id;
  }

  /**
   * A release manager with the email address id@programme.example, so escalations reach them. Users
   * outlive a test in the shared context: use one name, as every escalation test then expects the
   * same single recipient.
   */
  public String releaseManager(String id) {
    user(id, uk.ccmt.system.Groups.RELEASE_MANAGERS);
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user.getEmail() == null) {
      user.setEmail(id + "@programme.example");
      identity.saveUser(user);
    }
    return id;
  }

  /**
   * A Camunda user in every group given, with {@link #PASSWORD}; created once. For one person in
   * two roles, such as a release manager who also provides fixes.
   */
  public String user(String id, String group, String... moreGroups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      user(id, group);
      for (String more : moreGroups) {
        identity.createMembership(id, more);
      }
    }
    return id;
  }

  /** A Camunda user in the group, with {@link #PASSWORD}; created once. */
  public String user(String id, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(id, group);
    }
    return id;
  }
}
