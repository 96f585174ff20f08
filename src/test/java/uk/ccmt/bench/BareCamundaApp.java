package uk.ccmt.bench;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * P5's baseline: a bare Camunda webapp starter application, the engine with Cockpit, Tasklist,
 * Admin and the engine REST API on its own fresh in-memory H2, and nothing of the product.
 *
 * <p>Deliberately not a {@code @SpringBootApplication}: that is a {@code @Configuration}, and the
 * product's component scan of uk.ccmt would pick it up in every test context. Started as a source
 * class, {@code @EnableAutoConfiguration} alone does the same here. The test classpath holds the
 * product's other starters too (security, Flyway, mail, Thymeleaf, actuator); their
 * auto-configurations are excluded, so only what the two Camunda starters bring is started. The
 * product's application.yaml is not read (another config name), and nothing is auto-deployed.
 */
@EnableAutoConfiguration
class BareCamundaApp {

  private static final List<String> NOT_CAMUNDA =
      List.of(
          "org.springframework.boot.actuate.",
          "org.springframework.boot.autoconfigure.flyway.",
          "org.springframework.boot.autoconfigure.security.",
          "org.springframework.boot.autoconfigure.mail.",
          "org.springframework.boot.autoconfigure.thymeleaf.",
          "org.springframework.boot.autoconfigure.validation.");

  static ConfigurableApplicationContext start(String databaseName) {
    String excluded =
        ImportCandidates.load(AutoConfiguration.class, BareCamundaApp.class.getClassLoader())
            .getCandidates()
            .stream()
            .filter(name -> NOT_CAMUNDA.stream().anyMatch(name::startsWith))
            .collect(Collectors.joining(","));
    SpringApplication app = new SpringApplication(BareCamundaApp.class);
    return app.run(
        "--spring.config.name=bench-bare-camunda",
        "--spring.autoconfigure.exclude=" + excluded,
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:" + databaseName,
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generate-unique-process-engine-name=false",
        "--camunda.bpm.auto-deployment-enabled=false",
        "--camunda.bpm.database.schema-update=true",
        "--camunda.bpm.admin-user.id=admin",
        "--camunda.bpm.admin-user.password=bench-admin-password");
  }
}
