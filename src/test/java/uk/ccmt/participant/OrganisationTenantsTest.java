package uk.ccmt.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.ProcessTestSupport;
import uk.ccmt.support.TestData;
import uk.ccmt.system.Groups;

/**
 * A tenant per organisation (docs/participant-isolation.md): made with the organisation, and at
 * start for those without; every information request carries its organisation's tenant; a
 * participant's engine queries see its own tenant only, staff see every tenant without being
 * members of any.
 */
@CcmtTest
class OrganisationTenantsTest extends ProcessTestSupport {

  @Autowired MockMvc mvc;

  @Autowired OrganisationAccess access;

  @BeforeEach
  void twoOrganisations() {
    clockAt("2026-12-07T09:00:00Z");
    given.releaseManager("rachel");
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.participant("BRG", "CHALLENGER", "ops@brg.example");
  }

  @AfterEach
  void nobody() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void shouldGiveEachOrganisationATenantWhoseMemberIsItsGroup() {
    for (String code : List.of("NLE", "BRG")) {
      Tenant tenant = engine.getIdentityService().createTenantQuery().tenantId(code).singleResult();
      assertThat(tenant).as("tenant of %s", code).isNotNull();
      assertThat(
              engine.getIdentityService().createGroupQuery().memberOfTenant(code).list().stream()
                  .map(group -> group.getId())
                  .toList())
          .containsExactly(Groups.ofParticipant(code));
    }
  }

  @Test
  void shouldGiveAnOrganisationRegisteredBeforeTenantsItsTenantAtStartOnce() {
    engine.getIdentityService().deleteTenant("BRG");

    access.setUpRegistered();
    access.setUpRegistered();

    assertThat(engine.getIdentityService().createTenantQuery().tenantId("BRG").count())
        .isEqualTo(1);
    assertThat(engine.getIdentityService().createGroupQuery().memberOfTenant("BRG").count())
        .isEqualTo(1);
    assertThat(engine.getIdentityService().createTenantQuery().tenantId("NLE").count())
        .isEqualTo(1);
  }

  @Test
  void shouldPutEachRequestInItsOrganisationsTenantAndNothingElse() throws Exception {
    startCampaign();

    List<ProcessInstance> requests =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("informationRequest")
            .list();
    assertThat(requests).hasSize(4);
    assertThat(requests)
        .allSatisfy(
            request ->
                assertThat(request.getTenantId())
                    .isEqualTo(request.getBusinessKey().split("/")[1]));
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("informationRequestCampaign")
                .singleResult()
                .getTenantId())
        .as("a campaign concerns every organisation")
        .isNull();
    assertThat(
            engine.getRepositoryService().createProcessDefinitionQuery().list().stream()
                .map(definition -> definition.getTenantId()))
        .as("definitions are shared")
        .containsOnlyNulls();
  }

  @Test
  void shouldShowAParticipantItsOwnTenantOnlyAndStaffEveryTenant() throws Exception {
    startCampaign();
    Task brgs = task(campaign() + "/BRG/SFTP_INFORMATION", "provideInformation");

    // an organisation's user, with its groups and tenant, as the engine REST API authenticates it
    engine
        .getIdentityService()
        .setAuthentication(
            "nia", List.of(Groups.ofParticipant("NLE"), Groups.PARTICIPANTS), List.of("NLE"));
    assertThat(engine.getTaskService().createTaskQuery().list())
        .extracting(Task::getTenantId)
        .containsOnly("NLE")
        .hasSize(2);
    assertThatThrownBy(() -> engine.getTaskService().complete(brgs.getId(), Map.of()))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("because it belongs to no authenticated tenant");

    // a release manager: no tenant, and every organisation's request
    engine
        .getIdentityService()
        .setAuthentication("rachel", List.of(Groups.RELEASE_MANAGERS), List.of());
    assertThat(engine.getTaskService().createTaskQuery().list())
        .extracting(Task::getTenantId)
        .containsOnly("NLE", "BRG")
        .hasSize(4);
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("informationRequest")
                .count())
        .isEqualTo(4);
    assertThat(engine.getTaskService().getVariables(brgs.getId())).isNotEmpty();
  }

  private void startCampaign() throws Exception {
    mvc.perform(
            post("/api/information-requests")
                .with(httpBasic("rachel", TestData.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"types\":[\"SFTP_INFORMATION\",\"CONTACT_DETAILS\"],"
                        + "\"dueDate\":\"2026-12-11\"}"))
        .andExpect(MockMvcResultMatchers.status().isCreated());
    runDueJobs();
  }

  private String campaign() {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("informationRequestCampaign")
        .singleResult()
        .getBusinessKey();
  }
}
