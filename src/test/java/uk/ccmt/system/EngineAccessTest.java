package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.release.ReleaseType;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;

/**
 * What each group may do in the engine, with authorization checks on, as Tasklist and REST see it.
 */
@CcmtTest
class EngineAccessTest extends ProcessTestSupport {

  @Autowired IdentitySetup setup;

  @Autowired ReleaseService releases;

  @BeforeEach
  void aDeploymentWaitsForCorrection() {
    releases.register("BL-1", ReleaseType.BASELINE, "1.0-broken");
    engine
        .getRuntimeService()
        .startProcessInstanceByKey(
            "deployRelease", "BL-1", Map.of("releaseId", "BL-1", "environment", "DEV1"));
    runDueJobs();
  }

  @AfterEach
  void asNobody() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void shouldGiveEveryGroupATasklistFilterThatOnlyItCanRead() {
    List<Filter> filters = engine.getFilterService().createFilterQuery().list();
    assertThat(filters)
        .extracting(Filter::getName)
        .contains(
            "Release manager tasks",
            "Development team tasks",
            "Test team tasks",
            "My organisation's tasks");

    as("devon", Groups.DEVELOPMENT_TEAM);
    assertThat(engine.getFilterService().createFilterQuery().list())
        .extracting(Filter::getName)
        .containsExactly("Development team tasks");
    Filter developers = engine.getFilterService().createFilterQuery().singleResult();
    assertThat(engine.getFilterService().count(developers.getId())).isEqualTo(1);
  }

  @Test
  void shouldShowATaskOnlyToItsCandidateGroup() {
    String correction = engine.getTaskService().createTaskQuery().singleResult().getId();

    as("devon", Groups.DEVELOPMENT_TEAM);
    assertThat(engine.getTaskService().createTaskQuery().list())
        .extracting(t -> t.getTaskDefinitionKey())
        .containsExactly("correctReleaseErrors");

    as("tessa", Groups.TEST_TEAM);
    assertThat(engine.getTaskService().createTaskQuery().count()).isZero();

    as("paula", Groups.PARTICIPANTS);
    assertThat(engine.getTaskService().createTaskQuery().count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
    assertThatThrownBy(
            () -> engine.getTaskService().complete(correction, Map.of("buildVersion", "1.1")))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void shouldLetReleaseManagersWatchEveryReleaseAndFireItsTimers() {
    releases.register("BL-2", ReleaseType.BASELINE, "2.0");
    String second =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey(
                "deployRelease", "BL-2", Map.of("releaseId", "BL-2", "environment", "DEV1"))
            .getId();
    Job waiting =
        engine.getManagementService().createJobQuery().processInstanceId(second).singleResult();

    as("rachel", Groups.RELEASE_MANAGERS);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(2);
    assertThat(engine.getTaskService().createTaskQuery().count())
        .as("reads every task")
        .isEqualTo(1);
    engine.getManagementService().executeJob(waiting.getId());

    as("devon", Groups.DEVELOPMENT_TEAM);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count())
        .as("no Cockpit view")
        .isZero();
  }

  @Test
  void shouldSetUpAccessOnceHoweverOftenItRuns() {
    long authorizations = engine.getAuthorizationService().createAuthorizationQuery().count();
    long filters = engine.getFilterService().createFilterQuery().count();

    setup.setUp();
    setup.setUp();

    assertThat(engine.getAuthorizationService().createAuthorizationQuery().count())
        .isEqualTo(authorizations);
    assertThat(engine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
  }

  private void as(String user, String group) {
    engine.getIdentityService().clearAuthentication();
    given.user(user, group);
    engine.getIdentityService().setAuthentication(user, List.of(group));
  }
}
