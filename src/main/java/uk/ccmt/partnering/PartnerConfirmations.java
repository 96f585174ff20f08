package uk.ccmt.partnering;

import org.springframework.stereotype.Component;

/**
 * Read by the partnering model as ${partnerConfirmations.organisationOf(confirmation)}: the
 * candidate group of one confirmation is its organisation's group. Public, as the expression
 * language calls it by reflection.
 */
@Component("partnerConfirmations")
public class PartnerConfirmations {

  public String organisationOf(String confirmation) {
    return Confirmation.organisationOf(confirmation);
  }
}
