package uk.ccmt.participant;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import uk.ccmt.participant.ParticipantService.NewParticipant;

/** Ten fictional organisations across the plan's categories, so the demo has someone to write to. */
@Component
@ConditionalOnProperty(name = "ccmt.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoParticipants {

  private static final List<NewParticipant> ORGANISATIONS = List.of(
      demo("NLE", "Northern Lights Energy", Category.LARGE_SUPPLIER, "North West", "trials@northernlights.example",
          "switching@northernlights.example"),
      demo("BRG", "Brightgrid Supply", Category.LARGE_SUPPLIER, "London", "markettrials@brightgrid.example"),
      demo("TPW", "Thames Power & Gas", Category.LARGE_SUPPLIER, "South East", "ccmt@thamespower.example"),
      demo("CWE", "Cotswold Energy", Category.CHALLENGER, "South West", "ops@cotswoldenergy.example"),
      demo("PLM", "Plume Energy", Category.CHALLENGER, "Scotland", "testing@plume.example"),
      demo("HRV", "Harvest Gas", Category.CHALLENGER, "East Midlands", "trials@harvestgas.example"),
      demo("IND", "Industria Commercial Gas", Category.I_AND_C, "West Midlands", "ccmt@industria.example"),
      demo("MRC", "Merchant Gas Services", Category.I_AND_C, "Yorkshire", "release@merchantgas.example"),
      demo("PIP", "Pipeline Networks (iGT)", Category.IGT, "Wales", "igt.trials@pipelinenetworks.example"),
      demo("NGT", "National Gas Transmission (demo)", Category.GT, "National", "gt.testing@ngt.example"));

  private final ParticipantService participants;

  DemoParticipants(ParticipantService participants) {
    this.participants = participants;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    if (participants.list().isEmpty()) {
      ORGANISATIONS.forEach(participants::register);
    }
  }

  private static NewParticipant demo(String code, String name, Category category, String region, String... emails) {
    return new NewParticipant(code, name, category.name(), region, List.of(emails), true);
  }
}
