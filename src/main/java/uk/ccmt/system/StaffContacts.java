package uk.ccmt.system;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Where escalations to the programme's own staff go: the email on each member's Camunda user. */
@Component
public class StaffContacts {

  private final IdentityService identity;

  StaffContacts(IdentityService identity) {
    this.identity = identity;
  }

  public List<String> releaseManagers() {
    return identity.createUserQuery().memberOfGroup(Groups.RELEASE_MANAGERS).list().stream()
        .map(User::getEmail)
        .filter(Objects::nonNull)
        .filter(email -> !email.isBlank())
        .distinct()
        .sorted()
        .toList();
  }
}
