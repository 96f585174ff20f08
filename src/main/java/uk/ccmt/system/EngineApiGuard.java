package uk.ccmt.system;

import static uk.ccmt.system.Groups.ADMINISTRATORS;
import static uk.ccmt.system.Groups.DEVELOPMENT_TEAM;
import static uk.ccmt.system.Groups.RELEASE_MANAGERS;
import static uk.ccmt.system.Groups.TEST_TEAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one gate of the two engine REST APIs, {@code /engine-rest} and the webapps' own {@code
 * /camunda/api/engine/engine/{name}}, and of the webapps' plugin APIs. It decides on the path as
 * Jersey will resolve it ({@link EnginePath}): trailing and double slashes, case, percent-encoding
 * and matrix parameters change nothing.
 *
 * <ul>
 *   <li>Nobody throws a BPMN error or escalation at a task: no model catches one, and the engine
 *       would end the instance silently.
 *   <li>Release managers and administrators, who work in Cockpit and Admin, may call the rest of
 *       the engine API; the engine's authorizations limit them.
 *   <li>Everyone else (participants, the development and test teams) gets only what Tasklist and
 *       the Welcome page call, listed below; anything else is 403. Among that, participants may not
 *       hand a task to anyone else: no identity-link changes, no assignee, delegation or task
 *       update, and a claim only for themselves.
 *   <li>A webapp's plugin API answers only a user allowed into that webapp: Cockpit's statistics
 *       are not for a user who may not open Cockpit.
 * </ul>
 *
 * <p>Why one class of over 300 lines: most of it is the list of what Tasklist and the Welcome page
 * call, as data; it is the whole allow-list only if it reads in one place.
 */
class EngineApiGuard extends OncePerRequestFilter {

  /** A claim body is a user id; anything bigger is not a claim. */
  private static final int MAX_CLAIM_BODY = 4096;

  private static final List<Rule> NOBODY =
      List.of(
          new Rule("POST", "task/*/bpmnerror"),
          new Rule("POST", "task/*/bpmnescalation"),
          new Rule("POST", "external-task/*/bpmnerror"));

  /** What Tasklist and the Welcome page call on the engine API, for a user who is not staff. */
  private static final List<Rule> TASKLIST =
      List.of(
          new Rule("GET", "version"),
          new Rule("GET", "filter"),
          new Rule("GET", "filter/count"),
          new Rule("GET", "filter/*"),
          new Rule("GET,POST", "filter/*/list"),
          new Rule("GET,POST", "filter/*/count"),
          new Rule("GET,POST", "filter/*/singleresult"),
          new Rule("GET,POST", "task"),
          new Rule("GET,POST", "task/count"),
          new Rule("GET", "task/*"),
          new Rule("GET", "task/*/form"),
          new Rule("GET", "task/*/rendered-form"),
          new Rule("GET", "task/*/deployed-form"),
          new Rule("GET", "task/*/form-variables"),
          new Rule("GET,POST,PUT,DELETE", "task/*/variables"),
          new Rule("GET,POST,PUT,DELETE", "task/*/variables/**"),
          new Rule("GET,POST,PUT,DELETE", "task/*/localvariables"),
          new Rule("GET,POST,PUT,DELETE", "task/*/localvariables/**"),
          new Rule("POST", "task/*/complete"),
          new Rule("POST", "task/*/submit-form"),
          new Rule("POST", "task/*/claim"),
          new Rule("POST", "task/*/unclaim"),
          new Rule("GET", "task/*/identity-links"),
          new Rule("GET", "task/*/comment"),
          new Rule("GET", "task/*/comment/*"),
          new Rule("POST", "task/*/comment/create"),
          new Rule("GET", "task/*/attachment"),
          new Rule("GET", "task/*/attachment/*"),
          new Rule("GET", "task/*/attachment/*/data"),
          new Rule("POST", "task/*/attachment/create"),
          new Rule("GET", "process-definition"),
          new Rule("GET", "process-definition/count"),
          new Rule("GET", "process-definition/*"),
          new Rule("GET", "process-definition/key/*"),
          new Rule("GET", "process-definition/*/xml"),
          new Rule("GET", "process-definition/key/*/xml"),
          new Rule("GET", "process-definition/*/startform"),
          new Rule("GET", "process-definition/key/*/startform"),
          new Rule("GET", "process-definition/*/deployed-start-form"),
          new Rule("GET", "process-definition/key/*/deployed-start-form"),
          new Rule("GET", "process-definition/*/rendered-form"),
          new Rule("GET", "process-definition/key/*/rendered-form"),
          new Rule("GET", "process-definition/*/form-variables"),
          new Rule("GET", "process-definition/key/*/form-variables"),
          new Rule("POST", "process-definition/*/start"),
          new Rule("POST", "process-definition/key/*/start"),
          new Rule("POST", "process-definition/*/submit-form"),
          new Rule("POST", "process-definition/key/*/submit-form"),
          new Rule("GET", "user"),
          new Rule("GET", "user/count"),
          new Rule("GET", "user/*/profile"),
          new Rule("GET", "group"),
          new Rule("GET", "group/count"),
          new Rule("GET", "identity/groups"),
          new Rule("GET,POST", "identity/password-policy"),
          new Rule("GET", "authorization/check"),
          new Rule("GET", "history/user-operation"),
          new Rule("GET", "history/user-operation/count"));

  /** Their own profile and password, on the Welcome page. */
  private static final List<Rule> OWN_USER =
      List.of(new Rule("PUT", "user/*/profile"), new Rule("PUT", "user/*/credentials"));

  /** Handing a task to someone else: the internal teams may, an organisation may not. */
  private static final List<Rule> HAND_OVER =
      List.of(
          new Rule("POST", "task/*/identity-links"),
          new Rule("POST", "task/*/identity-links/delete"),
          new Rule("POST", "task/*/assignee"),
          new Rule("POST", "task/*/delegate"),
          new Rule("POST", "task/*/resolve"),
          new Rule("PUT", "task/*"));

  private final ObjectMapper json;
  private final String webappPath;

  EngineApiGuard(ObjectMapper json, String webappPath) {
    this.json = json;
    EnginePath webapp;
    try {
      webapp = EnginePath.of(webappPath, "");
    } catch (EnginePath.Unreadable e) {
      throw new IllegalArgumentException("camunda.bpm.webapp.application-path " + webappPath, e);
    }
    this.webappPath = webapp.size() == 1 ? webapp.get(0) : "camunda";
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    EnginePath path;
    try {
      path = EnginePath.of(request.getRequestURI(), request.getContextPath());
    } catch (EnginePath.Unreadable e) {
      // the container's own decoded path says whether an engine API would get it; others are not
      // ours to judge
      String servletPath =
          request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
      if (servletPath.startsWith("/engine-rest")
          || servletPath.startsWith("/" + webappPath + "/api/")) {
        problem(
            response,
            HttpServletResponse.SC_BAD_REQUEST,
            "Bad Request",
            "The path is not a plain path: " + e.getMessage());
      } else {
        chain.doFilter(request, response);
      }
      return;
    }
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (path.startsWith("engine-rest")) {
      EnginePath api = path.from(1);
      if (api.startsWith("engine") && api.size() >= 2) {
        api = api.from(2);
      } else if (api.matches("engine")) {
        chain.doFilter(request, response);
        return;
      }
      Authentication user = SecurityContextHolder.getContext().getAuthentication();
      if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
        problem(
            response,
            HttpServletResponse.SC_UNAUTHORIZED,
            "Unauthorized",
            "Log in with HTTP Basic as a Camunda user");
        return;
      }
      guardEngine(request, response, chain, method, api, user.getName(), Groups.of(user));
    } else if (path.startsWith(webappPath, "api", "engine", "engine") && path.size() >= 5) {
      UserAuthentication user = webappUser(request, path.original().get(4));
      if (user == null) {
        chain.doFilter(request, response); // the webapp answers 401 itself
        return;
      }
      guardEngine(
          request, response, chain, method, path.from(5), user.getIdentityId(), user.getGroupIds());
    } else if (path.size() >= 6
        && path.startsWith(webappPath, "api")
        && path.get(3).equals("plugin")
        && Set.of("cockpit", "admin", "tasklist").contains(path.get(2))
        && !path.get(5).equals("static")
        // every webapp asks Admin's license plugin whether to show a license banner
        && !path.from(4).matches("license/*/check-key")) {
      UserAuthentication user = webappUser(request, path.original().get(5));
      if (user != null && !user.isAuthorizedForApp(path.get(2))) {
        forbidden(request, response, "Only users of " + path.get(2) + " may call its plugins");
        return;
      }
      chain.doFilter(request, response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private void guardEngine(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String method,
      EnginePath api,
      String userId,
      List<String> groups)
      throws IOException, ServletException {
    if (NOBODY.stream().anyMatch(rule -> rule.allows(method, api))) {
      forbidden(request, response, "No model catches a BPMN error or escalation thrown at a task");
      return;
    }
    if (groups.contains(RELEASE_MANAGERS) || groups.contains(ADMINISTRATORS)) {
      chain.doFilter(request, response);
      return;
    }
    boolean internal = groups.contains(DEVELOPMENT_TEAM) || groups.contains(TEST_TEAM);
    boolean allowed =
        !api.segments().contains("statistics")
            && (TASKLIST.stream().anyMatch(rule -> rule.allows(method, api))
                || (internal && HAND_OVER.stream().anyMatch(rule -> rule.allows(method, api)))
                || (OWN_USER.stream().anyMatch(rule -> rule.allows(method, api))
                    && api.original().get(1).equals(userId)));
    if (!allowed) {
      forbidden(request, response, "Your groups do not allow this call of the engine API");
      return;
    }
    if (!internal && api.matches("task/*/claim")) {
      byte[] body = request.getInputStream().readNBytes(MAX_CLAIM_BODY + 1);
      if (body.length > MAX_CLAIM_BODY || !userId.equals(claimant(body))) {
        forbidden(request, response, "An organisation's user claims a task only for itself");
        return;
      }
      chain.doFilter(new ReplayedBody(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private String claimant(byte[] body) {
    try {
      JsonNode claim = json.readTree(body);
      return claim != null && claim.path("userId").isTextual()
          ? claim.path("userId").asText()
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The webapps keep their login in the HTTP session, per process engine. */
  private static UserAuthentication webappUser(HttpServletRequest request, String engine) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute("authenticatedUser")
            instanceof Authentications authentications)) {
      return null;
    }
    return authentications.getAuthenticationForProcessEngine(engine)
            instanceof UserAuthentication user
        ? user
        : null;
  }

  private void forbidden(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    problem(
        response,
        HttpServletResponse.SC_FORBIDDEN,
        "Forbidden",
        detail + ": " + request.getMethod() + " " + request.getRequestURI());
  }

  private void problem(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"CCMT\"");
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
    problem.setTitle(title);
    json.writeValue(response.getWriter(), problem);
  }

  /** A method (or several, comma-separated) and a path pattern under an engine's root. */
  private record Rule(Set<String> methods, String pattern) {
    Rule(String methods, String pattern) {
      this(Set.of(methods.split(",")), pattern);
    }

    boolean allows(String method, EnginePath path) {
      return methods.contains(method) && path.matches(pattern);
    }
  }
}
