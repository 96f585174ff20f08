package uk.ccmt.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers Spring Security does not send by default. Every answer says {@code Referrer-Policy:
 * same-origin}: links out of the CCMT page or the webapps do not tell other sites which release or
 * task the user was looking at. The application's own pages (the public /releases page, the
 * sent-mail page, errors) get a strict Content-Security-Policy: they load only their own stylesheet
 * and run no script, inline or otherwise. The Camunda webapps under /camunda keep the policy
 * Camunda's own header-security filter sends them (with its per-response script nonce), because a
 * strict policy would stop their scripts.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

  static final String REFERRER_POLICY = "same-origin";
  static final String PAGE_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " base-uri 'none'; frame-ancestors 'none'";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                response.setHeader("Referrer-Policy", REFERRER_POLICY);
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (!path.equals("/camunda") && !path.startsWith("/camunda/")) {
                  response.setHeader("Content-Security-Policy", PAGE_POLICY);
                }
                chain.doFilter(request, response);
              }
            });
    registration.addUrlPatterns("/*");
    registration.setName("ccmt-security-headers");
    // Before Spring Security and Camunda's filters, so that their refusals carry the headers too.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
