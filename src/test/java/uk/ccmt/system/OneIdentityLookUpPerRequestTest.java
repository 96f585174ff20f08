package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import uk.ccmt.support.TestData;

/**
 * Issue 13, "one group look-up per request": an authenticated /engine-rest call looks the caller's
 * groups up once, and its tenants once, at HTTP Basic authentication; the engine REST API takes
 * both from there. Counted on the real stack, every SQL statement the application prepares passing
 * through a counter around the real DataSource.
 */
@SpringBootTest(
    webEnvironment = RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:ccmt-lookups;DB_CLOSE_DELAY=-1",
      "ccmt.demo.enabled=false",
      "camunda.bpm.job-execution.enabled=false"
    })
@Import(OneIdentityLookUpPerRequestTest.CountedStatements.class)
@DirtiesContext
class OneIdentityLookUpPerRequestTest {

  /** Every SQL statement prepared while {@link #counting} is on, from any thread. */
  static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

  static volatile boolean counting;

  @LocalServerPort int port;

  @Autowired TestData given;

  @Test
  void shouldLookTheCallersGroupsAndTenantsUpOnceEachPerEngineRestRequest() throws Exception {
    given.participant("NLE", "LARGE_SUPPLIER", "trials@nle.example");
    given.organisationUser("nia", "NLE");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest tasks =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("nia:" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .GET()
            .build();
    assertThat(http.send(tasks, HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("a first call, so nothing is looked up for the first time")
        .isEqualTo(200);

    STATEMENTS.clear();
    counting = true;
    HttpResponse<String> answer = http.send(tasks, HttpResponse.BodyHandlers.ofString());
    counting = false;

    assertThat(answer.statusCode()).isEqualTo(200);
    List<String> tenantLookUps =
        STATEMENTS.stream().filter(sql -> sql.contains("ACT_ID_TENANT_MEMBER")).toList();
    List<String> groupLookUps =
        STATEMENTS.stream()
            .filter(sql -> sql.contains("ACT_ID_MEMBERSHIP"))
            .filter(sql -> !sql.contains("ACT_ID_TENANT_MEMBER"))
            .toList();
    System.out.printf(
        "One /engine-rest request: %d SQL statements, %d group look-up(s), %d tenant look-up(s)%n",
        STATEMENTS.size(), groupLookUps.size(), tenantLookUps.size());
    assertThat(groupLookUps).as("group look-ups").hasSize(1);
    assertThat(tenantLookUps).as("tenant look-ups").hasSize(1);
  }

  /** Wraps the application's DataSource, in this test only, to see each statement prepared. */
  @TestConfiguration(proxyBeanMethods = false)
  static class CountedStatements {

    @Bean
    static BeanPostProcessor countStatements() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource dataSource ? counted(dataSource) : bean;
        }
      };
    }

    private static DataSource counted(DataSource real) {
      return (DataSource)
          Proxy.newProxyInstance(
              DataSource.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (proxy, method, args) -> {
                Object result = invoke(real, method, args);
                return result instanceof Connection connection ? counted(connection) : result;
              });
    }

    private static Connection counted(Connection real) {
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (counting
                    && method.getName().startsWith("prepare")
                    && args != null
                    && args.length > 0
                    && args[0] instanceof String sql) {
                  STATEMENTS.add(sql.toUpperCase(Locale.ROOT));
                }
                return invoke(real, method, args);
              });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
        throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
