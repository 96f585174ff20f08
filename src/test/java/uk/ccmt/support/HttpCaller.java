package uk.ccmt.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A caller of the running application over real HTTP, with or without credentials. Every answer
 * comes back as it is, 4xx and 5xx included: the test asserts the status itself.
 */
public record HttpCaller(RestClient rest) {

  /** One JDK client for every caller of a test class: each caller only brings its credentials. */
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static HttpCaller as(int port, String user, String password) {
    return new HttpCaller(
        client(port).defaultHeaders(headers -> headers.setBasicAuth(user, password)).build());
  }

  public static HttpCaller as(int port, String user) {
    return as(port, user, TestData.PASSWORD);
  }

  public static HttpCaller anonymous(int port) {
    return new HttpCaller(client(port).build());
  }

  public ResponseEntity<JsonNode> get(String uri) {
    return rest.get().uri(uri).retrieve().toEntity(JsonNode.class);
  }

  public ResponseEntity<String> page(String uri) {
    return rest.get().uri(uri).accept(MediaType.TEXT_HTML).retrieve().toEntity(String.class);
  }

  public ResponseEntity<JsonNode> post(String uri, Object body) {
    RestClient.RequestBodySpec request = rest.post().uri(uri);
    if (body != null) {
      request.body(body);
    }
    return request.retrieve().toEntity(JsonNode.class);
  }

  /** Completes the task through the engine REST API with these variables, as Tasklist does. */
  public ResponseEntity<JsonNode> complete(String taskId, Map<String, Object> variables) {
    return post("/engine-rest/task/" + taskId + "/complete", variables(variables));
  }

  /** A DELETE with a body, as the API takes a reason for lifting or withdrawing. */
  public ResponseEntity<JsonNode> delete(String uri, Object body) {
    return rest.method(HttpMethod.DELETE).uri(uri).body(body).retrieve().toEntity(JsonNode.class);
  }

  /**
   * The id of the one open task with this key in the processes of the business key, once this
   * caller finds it through the engine REST API, as the user who works it would.
   */
  public String awaitTask(String businessKey, String taskKey, Duration patience) {
    JsonNode tasks =
        Awaitility.await()
            .atMost(patience)
            .pollInterval(Duration.ofMillis(250))
            .until(
                () ->
                    get("/engine-rest/task?processInstanceBusinessKey="
                            + businessKey
                            + "&taskDefinitionKey="
                            + taskKey)
                        .getBody(),
                found -> found.size() == 1);
    return tasks.get(0).path("id").asText();
  }

  /** The body of an engine REST task completion or process start. */
  public static Map<String, Object> variables(Map<String, Object> variables) {
    return Map.of("variables", variables);
  }

  /** A JSON value as Camunda Forms submit it. */
  public static Map<String, Object> json(String value) {
    return Map.of("value", value, "type", "Json");
  }

  public static Map<String, Object> string(String value) {
    return Map.of("value", value, "type", "String");
  }

  /** A boolean as Camunda Forms submit a checkbox. */
  public static Map<String, Object> bool(boolean value) {
    return Map.of("value", value, "type", "Boolean");
  }

  private static RestClient.Builder client(int port) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .requestFactory(new JdkClientHttpRequestFactory(HTTP))
        .defaultStatusHandler(status -> true, (request, response) -> {});
  }
}
