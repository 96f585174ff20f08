package uk.ccmt.support;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import uk.ccmt.defect.Defect;
import uk.ccmt.defect.DefectService;
import uk.ccmt.defect.DefectService.FixRequest;
import uk.ccmt.defect.DefectService.NewDefect;

/** Small named factories for test data. */
@Component
public class TestData {

  public static final String PASSWORD = "test-password";

  private final DefectService defects;
  private final IdentityService identity;

  TestData(DefectService defects, IdentityService identity) {
    this.defects = defects;
    this.identity = identity;
  }

  /** A defect raised and fixed in the given build: a candidate for the next regular release. */
  public Defect fixedDefect(String id, String buildVersion) {
    defects.raise(new NewDefect(id, "Defect " + id + " found in market trials", "S2", false, "Switching",
        "Test participant"));
    return defects.fix(id, new FixRequest(buildVersion));
  }

  public List<Defect> fixedDefects(String buildVersion, String... ids) {
    return List.of(ids).stream().map(id -> fixedDefect(id, buildVersion)).toList();
  }

  public Defect raisedDefect(String id) {
    return defects.raise(new NewDefect(id, "Defect " + id + " found in market trials", "S3", false, "Registration",
        "Test participant"));
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
