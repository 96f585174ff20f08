package uk.ccmt.system;

import static uk.ccmt.system.Groups.ADMINISTRATORS;
import static uk.ccmt.system.Groups.RELEASE_MANAGERS;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The operators' endpoints under /actuator. A load balancer asks {@code GET /actuator/health}
 * without a login and learns only UP or DOWN (management.endpoint.health.show-details is
 * when-authorized). Metrics, for Prometheus too, are the release managers' and administrators'; the
 * index and every other endpoint need a login. {@code env} and {@code heapdump} are not exposed at
 * all (application.yaml). HTTP Basic against Camunda's users, as for /api.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

  @Bean
  @Order(0)
  SecurityFilterChain actuatorFilterChain(
      HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
    return http.securityMatcher(
            new OrRequestMatcher(path(null, "/actuator"), path(null, "/actuator/**")))
        .authenticationManager(authenticationManager)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        path(HttpMethod.GET, "/actuator/health"),
                        path(HttpMethod.GET, "/actuator/health/**"))
                    .permitAll()
                    .requestMatchers(
                        path(null, "/actuator/metrics"),
                        path(null, "/actuator/metrics/**"),
                        path(null, "/actuator/prometheus"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS), Groups.authority(ADMINISTRATORS))
                    .anyRequest()
                    .authenticated())
        .httpBasic(
            basic ->
                basic
                    .realmName("CCMT")
                    .authenticationEntryPoint(
                        (request, response, exception) -> {
                          response.setHeader("WWW-Authenticate", "Basic realm=\"CCMT\"");
                          response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                        }))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }
}
