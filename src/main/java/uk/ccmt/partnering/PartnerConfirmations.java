package uk.ccmt.partnering;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Read by the partnering model: ${partnerConfirmations.toConfirm(execution.processBusinessKey)}
 * gives the multi-instance its confirmations from the round's table (no list of every pair is kept
 * in the instance, where every organisation's task could read it), and
 * ${partnerConfirmations.organisationOf(confirmation)} names each one's candidate group. Public, as
 * the expression language calls it by reflection.
 */
@Component("partnerConfirmations")
public class PartnerConfirmations {

  private final RoundConfirmations confirmations;

  PartnerConfirmations(RoundConfirmations confirmations) {
    this.confirmations = confirmations;
  }

  public List<String> toConfirm(String roundId) {
    return confirmations.confirmationsToAsk(roundId);
  }

  public String organisationOf(String confirmation) {
    return Confirmation.organisationOf(confirmation);
  }
}
