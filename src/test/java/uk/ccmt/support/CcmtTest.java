package uk.ccmt.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The whole application on an in-memory H2 database with the job executor off, so tests execute
 * jobs and fire timers themselves with the engine clock set explicitly. Deployment and smoke-test
 * commands are real scripts (src/test/resources/scripts) that can be made to fail, and email goes
 * to a real SMTP server, {@link TestMailServer}. Process test coverage is recorded for every model.
 * All classes with this annotation share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:ccmt-tests;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "camunda.bpm.generate-unique-process-engine-name=false",
      "ccmt.demo.enabled=false",
      "ccmt.data-dir=target/test-environments",
      "ccmt.deployment.command=bash src/test/resources/scripts/deploy-unless-broken.sh",
      "ccmt.smoke-test.command=bash src/test/resources/scripts/smoke-test-unless-broken.sh",
      "ccmt.deployment.timeout=PT20S",
      "ccmt.smoke-test.timeout=PT20S",
      "spring.mail.host=127.0.0.1"
    })
@ContextConfiguration(initializers = TestMailServer.Initializer.class)
@AutoConfigureMockMvc
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(
    value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@ExtendWith(CleanSlateExtension.class)
public @interface CcmtTest {}
