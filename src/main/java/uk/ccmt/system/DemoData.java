package uk.ccmt.system;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo: one user per group and a few defects, so a first week has something to release. Off
 * with ccmt.demo.enabled=false (and always off in the prod profile).
 *
 * <p>The administrator's id and password and the server port are Camunda's and Spring Boot's own
 * keys, bound and defaulted by them; they are read with {@code @Value} rather than re-declared as
 * product keys.
 */
@Component
@ConditionalOnProperty(name = "ccmt.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoData {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private static final List<DemoUser> USERS =
      List.of(
          new DemoUser("rachel", "Rachel", "Release Manager", Groups.RELEASE_MANAGERS),
          new DemoUser("devon", "Devon", "Developer", Groups.DEVELOPMENT_TEAM),
          new DemoUser("tessa", "Tessa", "Tester", Groups.TEST_TEAM));
  // Participant users belong to their organisations: see DemoParticipants (paula is Northern Lights
  // Energy's).

  private final IdentityService identity;
  private final JdbcClient jdbc;
  private final String password;
  private final String adminId;
  private final String adminPassword;
  private final int port;

  DemoData(
      IdentityService identity,
      JdbcClient jdbc,
      DemoProperties demo,
      @Value("${camunda.bpm.admin-user.id:admin}") String adminId,
      @Value("${camunda.bpm.admin-user.password:}") String adminPassword,
      @Value("${server.port:8080}") int port) {
    this.identity = identity;
    this.jdbc = jdbc;
    this.password = demo.password();
    this.adminId = adminId;
    this.adminPassword = adminPassword;
    this.port = port;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  @Transactional
  void seed() {
    for (DemoUser demo : USERS) {
      if (identity.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identity.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.id() + "@ccmt.example");
        user.setPassword(password);
        identity.saveUser(user);
        identity.createMembership(demo.id(), demo.group());
      }
    }
    seedDefects();
    StringBuilder logins =
        new StringBuilder(
            "\n\n  CCMT Release Manager demo: http://localhost:" + port + "/camunda/app/\n");
    logins.append(
        String.format(
            "  %-8s %-18s password: %s%n", adminId, Groups.ADMINISTRATORS, adminPassword));
    USERS.forEach(
        user ->
            logins.append(
                String.format("  %-8s %-18s password: %s%n", user.id(), user.group(), password)));
    LOG.info(logins.toString());
  }

  private void seedDefects() {
    if (jdbc.sql("select count(*) from defect").query(Integer.class).single() > 0) {
      return;
    }
    insertDefect(
        "D-101",
        "Supply point switch rejected when the meter read is estimated",
        "S2",
        "Switching",
        "FIXED",
        "1.4.1");
    insertDefect(
        "D-102",
        "Registration confirmation email shows the wrong shipper name",
        "S3",
        "Registration",
        "FIXED",
        "1.4.1");
    insertDefect(
        "D-103", "API registration page times out for iGT users", "S2", "API", "RAISED", null);
  }

  private void insertDefect(
      String id, String title, String severity, String component, String status, String build) {
    jdbc.sql(
            """
            insert into defect (id, title, severity, stops_testing, component, raised_by, status, build_version,
                                raised_at, updated_at)
            values (?, ?, ?, false, ?, 'CCMT test team', ?, ?, current_timestamp, current_timestamp)""")
        .params(id, title, severity, component, status, build)
        .update();
  }

  private record DemoUser(String id, String firstName, String lastName, String group) {}
}
