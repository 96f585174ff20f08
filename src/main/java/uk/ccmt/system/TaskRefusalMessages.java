package uk.ccmt.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A refused value on a task's completion, as Tasklist shows it to the person who typed it. Both
 * engine REST APIs (Tasklist's own under /camunda/api/engine and /engine-rest) answer "Cannot
 * submit task form 4af66345-ed94-…: contactPhone: 'call me' may hold only digits…", and a refused
 * start (Tasklist's "Start process") "Cannot instantiate process definition participantQuery:1:…:
 * subject: …": the engine ids mean nothing to a participant or a release manager. The answer keeps
 * its status, its type, the field and the reason, and loses the id.
 */
@Configuration(proxyBeanMethods = false)
class TaskRefusalMessages {

  private static final Pattern TASK_PREFIX =
      Pattern.compile(
          "^Cannot (submit task form|complete task) [^:\\s]+: "
              + "|^Cannot instantiate process definition \\S+: ");

  /** A refusal is a short JSON object; anything longer is left as it is. */
  private static final int MOST_BYTES_READ = 64 * 1024;

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> taskRefusalMessageFilter(ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Filter(json));
    registration.addUrlPatterns("/camunda/api/engine/*", "/engine-rest/*");
    registration.setName("taskRefusalMessageFilter");
    return registration;
  }

  /**
   * The message without the engine's "Cannot submit task form {id}: " or "Cannot instantiate
   * process definition {id}: " prefix.
   */
  static String withoutTaskId(String message) {
    Matcher prefix = TASK_PREFIX.matcher(message);
    return prefix.find() ? message.substring(prefix.end()) : message;
  }

  private static final class Filter extends OncePerRequestFilter {

    private final ObjectMapper json;

    Filter(ObjectMapper json) {
      this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      String path = request.getRequestURI();
      return !"POST".equals(request.getMethod())
          || !(path.endsWith("/submit-form")
              || path.endsWith("/complete")
              || path.endsWith("/start"));
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
      try {
        chain.doFilter(request, answer);
        byte[] body = answer.getContentAsByteArray();
        if (answer.getStatus() == HttpServletResponse.SC_BAD_REQUEST
            && body.length > 0
            && body.length <= MOST_BYTES_READ) {
          rewrite(answer, body);
        }
      } finally {
        answer.copyBodyToResponse();
      }
    }

    private void rewrite(ContentCachingResponseWrapper answer, byte[] body) throws IOException {
      JsonNode refusal;
      try {
        refusal = json.readTree(body);
      } catch (IOException notJson) {
        return;
      }
      if (refusal instanceof ObjectNode object && object.path("message").isTextual()) {
        String message = object.path("message").asText();
        String plain = withoutTaskId(message);
        if (!plain.equals(message)) {
          object.put("message", plain);
          answer.resetBuffer();
          answer.getOutputStream().write(json.writeValueAsBytes(object));
        }
      }
    }
  }
}
