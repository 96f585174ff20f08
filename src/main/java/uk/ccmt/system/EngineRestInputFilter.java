package uk.ccmt.system;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the engine REST API, both /engine-rest and Tasklist's and Cockpit's own
 * /camunda/api/engine, against input the engine would answer with a 500 and its internals
 * (PRODUCT.md §7 "Bad input"). Before the engine sees a request:
 *
 * <ul>
 *   <li>a JSON body larger than {@value #MAX_BODY_BYTES} bytes is refused with 413;
 *   <li>JSON nested deeper than {@value #MAX_DEPTH} levels, also inside a Json value, is 400;
 *   <li>a String value longer than the engine's {@value TextInput#DEFAULT_MAX} characters, an
 *       {@code Object} value (serialized Java included) or an {@code Xml} value is 400 naming the
 *       variable: structured values are Json here (STYLE.md);
 *   <li>NUL and control characters other than tab and line breaks, in any text or name, are 400
 *       ({@link TextInput});
 *   <li>a task id that no open task has, on any of a task's sub-resources (complete, claim,
 *       variables, identity-links, deployed-form, …), is 404 instead of the engine's
 *       NullValueException or NullPointerException;
 *   <li>the task of a tenant the caller does not see, another organisation's request, is 403, as
 *       the task's grants refused it before organisations had tenants: the engine's tenant check,
 *       which now comes first, would refuse it with a plain ProcessEngineException, a 500
 *       (EngineCaller#sees).
 * </ul>
 *
 * Answers are the engine REST API's own error shape, {@code {"type", "message"}}, with the field.
 * It runs after authentication: Spring Security for /engine-rest, and for the webapps' API only
 * once Camunda's login session exists, so an anonymous caller learns nothing of task ids.
 *
 * <p>Why one class of over 300 lines: each rule above reads the same parsed request (body,
 * variables, path) once, and the rules must agree on the answer's shape; split apart they would
 * each parse the body again on every engine call.
 */
class EngineRestInputFilter extends OncePerRequestFilter {

  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  static final int MAX_DEPTH = 64;

  /** Camunda's variable names live in NAME_ columns of 255 characters. */
  static final int MAX_NAME = 255;

  /** Groups: the webapp's engine name (none for /engine-rest), the task id, the sub-resource. */
  private static final Pattern TASK_SUB_RESOURCE =
      Pattern.compile(
          "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/([^/]+))"
              + "/task/([^/]+)/([^/]+).*$",
          Pattern.CASE_INSENSITIVE);

  /** Sub-resources the engine also serves for a task that has ended, from history. */
  private static final Set<String> HISTORIC_SUB_RESOURCES = Set.of("comment", "attachment");

  /** Task collection resources that sit where a task id would. */
  private static final Set<String> NOT_TASK_IDS = Set.of("count", "create", "report");

  /** Stands for a task without a tenant, where an Optional cannot hold null. */
  private static final String NO_TENANT = "";

  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final ObjectMapper json =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
              .build());

  /**
   * Looked up on first use: filters are made while the web server starts, and an engine made that
   * early would create its tables before Flyway migrates the schema.
   */
  private final ObjectProvider<ProcessEngine> engine;

  EngineRestInputFilter(ObjectProvider<ProcessEngine> engine) {
    this.engine = engine;
  }

  /** Registers the guard on both engine REST APIs only. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<EngineRestInputFilter> engineRestInputGuard(
        ObjectProvider<ProcessEngine> engine) {
      FilterRegistrationBean<EngineRestInputFilter> registration =
          new FilterRegistrationBean<>(new EngineRestInputFilter(engine));
      registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
      registration.setName("engine-rest-input-guard");
      // after Spring Security (-100), which authenticates /engine-rest first
      registration.setOrder(Ordered.LOWEST_PRECEDENCE);
      return registration;
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = normalisedPath(request);
    boolean historic = HISTORIC_SUB_RESOURCES.contains(subResourceOf(path));
    Optional<String> taskId = taskIdOf(path).filter(id -> mayLookUpTasks(request, path));
    TaskLookUp task =
        taskId.map(id -> lookUp(id, historic, caller(request, path))).orElse(TaskLookUp.SEEN);
    if (task == TaskLookUp.NONE) {
      refuse(
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "InvalidRequestException",
          "id",
          "No task with id '" + taskId.get() + "' exists");
      return;
    }
    if (task == TaskLookUp.OTHER_TENANT) {
      refuse(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "AuthorizationException",
          "id",
          "The task with id '" + taskId.get() + "' belongs to another organisation");
      return;
    }
    if (!BODY_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))
        || !isJson(request.getContentType())) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      refuse(
          response,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "InvalidRequestException",
          "body",
          "body: is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      refuse(
          response,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "InvalidRequestException",
          "body",
          "body: is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    if (body.length > 0) {
      try {
        check(json.readTree(body), "");
      } catch (Refusal refusal) {
        refuse(
            response,
            HttpServletResponse.SC_BAD_REQUEST,
            "InvalidRequestException",
            refusal.field,
            refusal.getMessage());
        return;
      } catch (StreamConstraintsException e) {
        refuse(
            response,
            HttpServletResponse.SC_BAD_REQUEST,
            "InvalidRequestException",
            "body",
            "body: JSON nested deeper than " + MAX_DEPTH + " levels is not accepted");
        return;
      } catch (JsonProcessingException e) {
        refuse(
            response,
            HttpServletResponse.SC_BAD_REQUEST,
            "InvalidRequestException",
            "body",
            "body: is not valid JSON");
        return;
      }
    }
    chain.doFilter(new ReplayedBody(request, body), response);
  }

  /**
   * Walks every value: typed variable values by their type, every other text and name by
   * TextInput's rule.
   */
  private void check(JsonNode node, String where) throws JsonProcessingException {
    if (node.isTextual()) {
      text(node.asText(), where, TextInput.DEFAULT_MAX);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), where + "[" + i + "]");
      }
    } else if (node.isObject()) {
      if (node.has("value") && node.path("type").isTextual()) {
        typedValue(node, where);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
        text(field.getKey(), name, MAX_NAME);
        if (!(field.getKey().equals("value") && node.path("type").isTextual())) {
          check(field.getValue(), name);
        }
      }
    }
  }

  private void typedValue(JsonNode typed, String where) throws JsonProcessingException {
    String variable = where.isEmpty() ? "value" : where;
    String type = typed.path("type").asText().strip().toLowerCase(Locale.ROOT);
    JsonNode value = typed.get("value");
    switch (type) {
      case "object" ->
          throw new Refusal(
              variable, "Object values are not accepted; send structured values as Json");
      case "xml" ->
          throw new Refusal(
              variable, "Xml values are not accepted; send structured values as Json");
      case "json" -> {
        if (value.isTextual()) {
          text(value.asText(), variable, Integer.MAX_VALUE);
          try {
            json.readTree(value.asText());
          } catch (StreamConstraintsException e) {
            throw new Refusal(
                variable,
                "a Json value nested deeper than " + MAX_DEPTH + " levels is not accepted");
          } catch (JsonProcessingException e) {
            throw new Refusal(variable, "is not valid JSON");
          }
        } else {
          check(value, variable);
        }
      }
      case "bytes", "file" -> {
        // stored as byte arrays, not in a 4,000-character column
      }
      default -> check(value, variable);
    }
  }

  private static void text(String text, String field, int maxLength) {
    TextInput.characterProblem(text, true)
        .ifPresent(
            reason -> {
              throw new Refusal(field, reason);
            });
    if (text.length() > maxLength) {
      throw new Refusal(
          field, "must be at most " + maxLength + " characters, this one has " + text.length());
    }
  }

  private Optional<String> taskIdOf(String path) {
    Matcher matcher = TASK_SUB_RESOURCE.matcher(path);
    if (!matcher.matches() || NOT_TASK_IDS.contains(matcher.group(2).toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(2));
  }

  /**
   * Who calls: for /engine-rest, whom Spring Security authenticated; for the webapps' API, the
   * login in the session of the engine named in the path.
   */
  private static Optional<EngineCaller> caller(HttpServletRequest request, String path) {
    Matcher matcher = TASK_SUB_RESOURCE.matcher(path);
    if (matcher.matches() && matcher.group(1) != null) {
      return EngineCaller.ofWebapp(request, matcher.group(1));
    }
    return EngineCaller.of(SecurityContextHolder.getContext().getAuthentication());
  }

  /**
   * /engine-rest is authenticated before this filter; the webapps' API only with Camunda's login
   * session.
   */
  private static boolean mayLookUpTasks(HttpServletRequest request, String path) {
    if (path.toLowerCase(Locale.ROOT).startsWith("/engine-rest/")) {
      return true;
    }
    HttpSession session = request.getSession(false);
    return session != null
        && !AuthenticationUtil.getAuthsFromSession(session).getAuthentications().isEmpty();
  }

  private static String subResourceOf(String path) {
    Matcher matcher = TASK_SUB_RESOURCE.matcher(path);
    return matcher.matches() ? matcher.group(3).toLowerCase(Locale.ROOT) : "";
  }

  /** What the look-up of a task id found. */
  private enum TaskLookUp {
    /** a task the caller's tenants include, or one without a tenant */
    SEEN,
    /** no task has the id */
    NONE,
    /** the task of a tenant the caller does not see, another organisation's */
    OTHER_TENANT
  }

  /**
   * An open task, without authorization checks; for comments and attachments, also one that has
   * ended. And whether the caller sees its tenant.
   */
  private TaskLookUp lookUp(String id, boolean orEnded, Optional<EngineCaller> caller) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration();
    Optional<String> open =
        configuration
            .getCommandExecutorTxRequired()
            .execute(
                context ->
                    Optional.ofNullable(context.getTaskManager().findTaskById(id))
                        .map(task -> Optional.ofNullable(task.getTenantId()).orElse(NO_TENANT)));
    if (open.isPresent()) {
      return sees(caller, open.get()) ? TaskLookUp.SEEN : TaskLookUp.OTHER_TENANT;
    }
    HistoricTaskInstance ended =
        orEnded
            ? configuration
                .getHistoryService()
                .createHistoricTaskInstanceQuery()
                .taskId(id)
                .singleResult()
            : null;
    if (ended == null) {
      return TaskLookUp.NONE;
    }
    return sees(caller, Optional.ofNullable(ended.getTenantId()).orElse(NO_TENANT))
        ? TaskLookUp.SEEN
        : TaskLookUp.OTHER_TENANT;
  }

  private static boolean sees(Optional<EngineCaller> caller, String tenantId) {
    return tenantId.equals(NO_TENANT) || caller.map(who -> who.sees(tenantId)).orElse(true);
  }

  /** The path as Jersey matches it: decoded, without matrix parameters or doubled slashes. */
  private static String normalisedPath(HttpServletRequest request) {
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    StringBuilder path = new StringBuilder();
    for (String segment : raw.split("/")) {
      int matrix = segment.indexOf(';');
      String plain = matrix < 0 ? segment : segment.substring(0, matrix);
      if (!plain.isEmpty()) {
        path.append('/').append(decode(plain));
      }
    }
    if (raw.endsWith("/")) {
      path.append('/');
    }
    return path.toString();
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.getSubtype().equalsIgnoreCase("json")
          || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void refuse(
      HttpServletResponse response, int status, String type, String field, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(
        response.getOutputStream(), Map.of("type", type, "message", message, "field", field));
  }

  /** A value the engine must not see: 400 naming the field. */
  private static final class Refusal extends RuntimeException {

    private final String field;

    Refusal(String field, String reason) {
      super(field + ": " + reason);
      this.field = field;
    }
  }
}
