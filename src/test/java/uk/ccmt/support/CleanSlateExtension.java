package uk.ccmt.support;

import java.io.IOException;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

/**
 * Every test starts from an empty register: no running processes, no domain rows, the route to
 * live as configured, and the engine clock reset.
 */
public class CleanSlateExtension implements BeforeEachCallback, AfterEachCallback {

  /** Where the test deployment scripts write their manifests (ccmt.data-dir of {@link CcmtTest}). */
  static final Path DATA_DIR = Path.of("target/test-environments");

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    FileSystemUtils.deleteRecursively(DATA_DIR);
    TestMailServer.purge();
    var spring = SpringExtension.getApplicationContext(context);
    ProcessEngine engine = spring.getBean(ProcessEngine.class);
    engine.getIdentityService().clearAuthentication();
    for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery().list()) {
      if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0) {
        engine.getRuntimeService().deleteProcessInstance(instance.getId(), "clean slate", true, true);
      }
    }
    var history = engine.getHistoryService();
    var finished = history.createHistoricProcessInstanceQuery().list().stream().map(h -> h.getId()).toList();
    if (!finished.isEmpty()) {
      history.deleteHistoricProcessInstancesIfExists(finished);
    }
    JdbcClient jdbc = spring.getBean(JdbcClient.class);
    for (String table : new String[] {"outbound_email", "partnering_finding", "partner_confirmation", "partner_pair", "partnering_round", "self_arranged_partnership", "information_response", "information_request", "information_campaign", "participant_contact", "participant", "release_note", "deployment_attempt", "release_environment", "release_defect",
        "environment_rollback", "release_build", "ccmt_release", "defect", "build"}) {
      jdbc.sql("delete from " + table).update();
    }
    jdbc.sql("update environment set current_release_id = null, current_build_version = null, deployed_at = null,"
        + " reserved_by = null, reserved_for = null, reserved_at = null").update();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClockUtil.reset();
    SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class).getIdentityService()
        .clearAuthentication();
  }
}
