package uk.ccmt.participant;

import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.ParticipantService.NewParticipant;
import uk.ccmt.system.DemoProperties;
import uk.ccmt.system.Groups;

/**
 * Ten fictional organisations across the plan's categories, so the demo has someone to write to.
 */
@Component
@ConditionalOnProperty(name = "ccmt.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoParticipants {

  private static final Logger LOG = LoggerFactory.getLogger(DemoParticipants.class);

  private static final List<NewParticipant> ORGANISATIONS =
      List.of(
          demo(
              "NLE",
              "Northern Lights Energy",
              Category.LARGE_SUPPLIER,
              "North West",
              "trials@northernlights.example",
              "switching@northernlights.example"),
          demo(
              "BRG",
              "Brightgrid Supply",
              Category.LARGE_SUPPLIER,
              "London",
              "markettrials@brightgrid.example"),
          demo(
              "TPW",
              "Thames Power & Gas",
              Category.LARGE_SUPPLIER,
              "South East",
              "ccmt@thamespower.example"),
          demo(
              "CWE",
              "Cotswold Energy",
              Category.CHALLENGER,
              "South West",
              "ops@cotswoldenergy.example"),
          demo("PLM", "Plume Energy", Category.CHALLENGER, "Scotland", "testing@plume.example"),
          demo(
              "HRV",
              "Harvest Gas",
              Category.CHALLENGER,
              "East Midlands",
              "trials@harvestgas.example"),
          demo(
              "IND",
              "Industria Commercial Gas",
              Category.I_AND_C,
              "West Midlands",
              "ccmt@industria.example"),
          demo(
              "MRC",
              "Merchant Gas Services",
              Category.I_AND_C,
              "Yorkshire",
              "release@merchantgas.example"),
          demo(
              "PIP",
              "Pipeline Networks (iGT)",
              Category.IGT,
              "Wales",
              "igt.trials@pipelinenetworks.example"),
          demo(
              "NGT",
              "National Gas Transmission (demo)",
              Category.GT,
              "National",
              "gt.testing@ngt.example"));

  private final ParticipantService participants;
  private final OrganisationUsers users;
  private final IdentityService identity;
  private final String password;

  DemoParticipants(
      ParticipantService participants,
      OrganisationUsers users,
      IdentityService identity,
      DemoProperties demo) {
    this.participants = participants;
    this.users = users;
    this.identity = identity;
    this.password = demo.password();
  }

  /**
   * The organisations, and a user of each: paula for Northern Lights Energy, the code in lower case
   * for the rest.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  @Transactional
  void seed() {
    if (participants.list().isEmpty()) {
      ORGANISATIONS.forEach(participants::register);
    }
    StringBuilder logins =
        new StringBuilder("\n\n  Demo participant users (Tasklist), password: " + password + "\n");
    for (NewParticipant organisation : ORGANISATIONS) {
      String userId = userOf(organisation.code());
      if (identity.createUserQuery().userId(userId).count() == 0) {
        users.create(
            organisation.code(),
            userId,
            userId.equals("paula") ? "Paula" : "Demo",
            organisation.name(),
            userId + "@" + organisation.code().toLowerCase(Locale.ROOT) + ".example",
            password);
      } else {
        // A demo database from before organisations had groups: paula was in participants only.
        for (String group :
            List.of(Groups.ofParticipant(organisation.code()), Groups.PARTICIPANTS)) {
          if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
            identity.createMembership(userId, group);
          }
        }
      }
      logins.append(
          String.format("  %-8s %s%n", userId, Groups.ofParticipant(organisation.code())));
    }
    LOG.info(logins.toString());
  }

  private static String userOf(String code) {
    return code.equals("NLE") ? "paula" : code.toLowerCase(Locale.ROOT);
  }

  private static NewParticipant demo(
      String code, String name, Category category, String region, String... emails) {
    return new NewParticipant(code, name, category.name(), region, List.of(emails), true);
  }
}
