package uk.ccmt.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
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
 *
 * <p>One email's page on /mail/{id} may frame one thing, its own HTML part from /mail/{id}/html
 * ({@code frame-src 'self'}); the HTML part gets a policy of its own: the inline styles and inline
 * images an email carries, nothing fetched, nothing run ({@code sandbox}, so not even when opened
 * on its own), and framed only by this application's pages.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

  static final String REFERRER_POLICY = "same-origin";
  static final String PAGE_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " base-uri 'none'; frame-ancestors 'none'";
  static final String EMAIL_PAGE_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self';"
          + " base-uri 'none'; frame-ancestors 'none'";
  static final String EMAIL_HTML_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'self'; sandbox";

  private static final Pattern EMAIL_PAGE = Pattern.compile("/mail/\\d+");
  private static final Pattern EMAIL_HTML = Pattern.compile("/mail/\\d+/html");

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
                  response.setHeader("Content-Security-Policy", policyOf(path));
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

  private static String policyOf(String path) {
    if (EMAIL_HTML.matcher(path).matches()) {
      return EMAIL_HTML_POLICY;
    }
    if (EMAIL_PAGE.matcher(path).matches()) {
      return EMAIL_PAGE_POLICY;
    }
    return PAGE_POLICY;
  }
}
