package uk.ccmt.release;

import static uk.ccmt.release.EmergencyReleaseVariables.DEFECT_ID;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import uk.ccmt.defect.S1DefectRaised;

/**
 * Starts emergencyRelease when the register raises an S1 defect that stops testing. It listens
 * synchronously, in the raising transaction (not after commit): a start the engine refuses rolls
 * the defect back too, and each defect starts one emergency, since a duplicate is refused first.
 */
@Component
class EmergencyReleaseStarter {

  /** The start message of emergencyRelease. */
  static final String S1_DEFECT_RAISED = "S1DefectRaised";

  private final RuntimeService runtime;

  EmergencyReleaseStarter(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** The business key, and the release id, of a defect's emergency release. */
  static String businessKey(String defectId) {
    return "E-" + defectId;
  }

  @EventListener
  void start(S1DefectRaised raised) {
    runtime
        .createMessageCorrelation(S1_DEFECT_RAISED)
        .processInstanceBusinessKey(businessKey(raised.defectId()))
        .setVariable(DEFECT_ID, raised.defectId())
        .correlateStartMessage();
  }
}
