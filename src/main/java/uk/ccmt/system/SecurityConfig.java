package uk.ccmt.system;

import static org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY;
import static org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN;
import static uk.ccmt.system.Groups.ADMINISTRATORS;
import static uk.ccmt.system.Groups.DEVELOPMENT_TEAM;
import static uk.ccmt.system.Groups.PARTICIPANTS;
import static uk.ccmt.system.Groups.RELEASE_MANAGERS;
import static uk.ccmt.system.Groups.TEST_TEAM;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Who may call what. The engine REST API and the product API take HTTP Basic against Camunda's
 * identity service; the Camunda webapps keep their own login page; the public release-notes page is
 * the only anonymous path.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  static final String STAFF_LOGIN = "/staff/login";

  private final ObjectMapper json;

  SecurityConfig(ObjectMapper json) {
    this.json = json;
  }

  @Bean
  AuthenticationManager authenticationManager(CamundaIdentityAuthenticationProvider provider) {
    return new ProviderManager(provider);
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager authenticationManager)
      throws Exception {
    String[] releaseManagers = {
      Groups.authority(RELEASE_MANAGERS), Groups.authority(ADMINISTRATORS)
    };
    return http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**")))
        .authenticationManager(authenticationManager)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(path(HttpMethod.POST, "/api/defects"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(TEST_TEAM),
                        Groups.authority(PARTICIPANTS),
                        Groups.authority(ADMINISTRATORS))
                    // Editing and importing the register: the development team and release
                    // managers (issue 15).
                    .requestMatchers(
                        path(HttpMethod.PATCH, "/api/defects/*"),
                        path(HttpMethod.POST, "/api/defects/import"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(ADMINISTRATORS))
                    // The register is read by the staff in full, and by a participant for its own
                    // organisation's defects only (DefectQueries; README, Security).
                    .requestMatchers(
                        path(HttpMethod.GET, "/api/defects"),
                        path(HttpMethod.GET, "/api/defects/**"),
                        path(HttpMethod.GET, "/api/defects.csv"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(TEST_TEAM),
                        Groups.authority(PARTICIPANTS),
                        Groups.authority(ADMINISTRATORS))
                    // Configuration changes (issue 15): the development team and the release
                    // managers create them; the programme's staff read them.
                    .requestMatchers(
                        path(HttpMethod.POST, "/api/changes"),
                        path(HttpMethod.POST, "/api/changes/**"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(ADMINISTRATORS))
                    .requestMatchers(
                        path(HttpMethod.GET, "/api/changes"),
                        path(HttpMethod.GET, "/api/changes/**"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(TEST_TEAM),
                        Groups.authority(ADMINISTRATORS))
                    // Participant queries (issue 16): an organisation's user raises one for its
                    // organisation; anyone logged in reads, a participant its own organisation's
                    // only (Queries; another organisation's is a 404).
                    .requestMatchers(path(HttpMethod.POST, "/api/queries"))
                    .hasAuthority(Groups.authority(PARTICIPANTS))
                    .requestMatchers(path("/api/queries"), path("/api/queries/**"))
                    .authenticated()
                    .requestMatchers(path(HttpMethod.POST, "/api/defects/*/fix"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(ADMINISTRATORS))
                    .requestMatchers(
                        path(HttpMethod.POST, "/api/releases"),
                        path(HttpMethod.POST, "/api/releases/**"),
                        path(HttpMethod.POST, "/api/environments/**"))
                    .hasAnyAuthority(releaseManagers)
                    // Freezes and moved slots are the release managers' decisions; anyone
                    // logged in may read the freezes (GET falls to the last rule).
                    .requestMatchers(
                        path(HttpMethod.POST, "/api/freezes"),
                        path(HttpMethod.POST, "/api/freezes/**"),
                        path(HttpMethod.PUT, "/api/freezes/**"),
                        path(HttpMethod.DELETE, "/api/freezes/**"),
                        path(HttpMethod.PUT, "/api/releases/**"))
                    .hasAnyAuthority(releaseManagers)
                    // An organisation declares its own partners; the controller checks it is that
                    // organisation.
                    .requestMatchers(path("/api/participants/*/partners"))
                    .authenticated()
                    .requestMatchers(
                        path(HttpMethod.POST, "/api/partnering"), path("/api/partnering/**"))
                    .hasAnyAuthority(releaseManagers)
                    // An organisation's users are the administrator's to manage, as in Camunda
                    // Admin.
                    .requestMatchers(path("/api/participants/*/users"))
                    .hasAuthority(Groups.authority(ADMINISTRATORS))
                    .requestMatchers(path(HttpMethod.POST, "/api/participants"))
                    .hasAnyAuthority(releaseManagers)
                    .requestMatchers(path(HttpMethod.POST, "/api/information-requests"))
                    .hasAnyAuthority(releaseManagers)
                    // Document reviews (issue 16): release managers start them and give the
                    // responses; reading is checked per organisation asked (ReviewController).
                    .requestMatchers(
                        path(HttpMethod.POST, "/api/reviews"),
                        path(HttpMethod.PUT, "/api/reviews/*/responses"))
                    .hasAnyAuthority(releaseManagers)
                    // Read by release managers and by participant users, who see their own
                    // organisation only.
                    .requestMatchers(path(HttpMethod.GET, "/api/information-requests/*"))
                    .authenticated()
                    // An organisation's participation figures (issue 16): the release managers
                    // read all, an organisation's user its own (the controller checks which).
                    .requestMatchers(path(HttpMethod.GET, "/api/participants/*/kpis"))
                    .authenticated()
                    // The registry, its PATCH and its bounced addresses: the release managers.
                    .requestMatchers(path("/api/participants"), path("/api/participants/**"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS), Groups.authority(ADMINISTRATORS))
                    // Deployment records hold command output from internal environments;
                    // participants read release notes on the public page instead.
                    .requestMatchers(
                        path("/api/releases"), path("/api/releases/**"), path("/api/environments"))
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(TEST_TEAM),
                        Groups.authority(ADMINISTRATORS))
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.realmName("CCMT").authenticationEntryPoint(unauthorized()))
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(forbidden()))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .build();
  }

  /**
   * The staff pages, /mail and /staff/** (issue 17): a sign-in form at /staff/login, kept in the
   * session, with CSRF protection, against the same Camunda users and staff groups as the API. A
   * browser that is not signed in is sent to the form, never shown a Basic prompt; a script may
   * still send Basic credentials with each request, and one without them gets a 401 problem with no
   * challenge. The sent mail and the participants' page are the release managers', a release's
   * record every member of the staff's; participants get a 403 (a page for a browser, problem JSON
   * for a script). After the form each person lands where they may go (StaffLanding).
   */
  @Bean
  @Order(0)
  SecurityFilterChain staffPagesSecurity(
      HttpSecurity http,
      AuthenticationManager authenticationManager,
      StaffContacts staff,
      ObjectProvider<ThymeleafViewResolver> views)
      throws Exception {
    String[] releaseManagers = {
      Groups.authority(RELEASE_MANAGERS), Groups.authority(ADMINISTRATORS)
    };
    RequestMatcher browser = browser();
    LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
    entryPoints.put(browser, new LoginUrlAuthenticationEntryPoint(STAFF_LOGIN));
    DelegatingAuthenticationEntryPoint signIn = new DelegatingAuthenticationEntryPoint(entryPoints);
    signIn.setDefaultEntryPoint(unauthorizedWithoutChallenge());
    HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    requestCache.setRequestMatcher(browser);
    return http.securityMatcher(
            new OrRequestMatcher(path("/mail"), path("/mail/**"), path("/staff/**")))
        .authenticationManager(authenticationManager)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(path(STAFF_LOGIN))
                    .permitAll()
                    .requestMatchers(
                        StaffLanding.RELEASE_MANAGERS_PAGES.stream()
                            .map(SecurityConfig::path)
                            .toArray(RequestMatcher[]::new))
                    .hasAnyAuthority(releaseManagers)
                    .anyRequest()
                    .hasAnyAuthority(
                        Groups.authority(RELEASE_MANAGERS),
                        Groups.authority(DEVELOPMENT_TEAM),
                        Groups.authority(TEST_TEAM),
                        Groups.authority(ADMINISTRATORS)))
        .formLogin(
            form ->
                form.loginPage(STAFF_LOGIN)
                    .successHandler(new StaffLanding(requestCache))
                    .failureUrl(STAFF_LOGIN + "?error"))
        .logout(
            logout -> logout.logoutUrl("/staff/logout").logoutSuccessUrl(STAFF_LOGIN + "?logout"))
        .httpBasic(basic -> basic.authenticationEntryPoint(signIn))
        .requestCache(cache -> cache.requestCache(requestCache))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(signIn)
                    .accessDeniedHandler(
                        new StaffForbiddenPage(browser, forbidden(), staff, views)))
        // Only an email's HTML part may be framed, by its own page (SecurityHeaders).
        .headers(
            headers ->
                headers
                    .frameOptions(frame -> frame.disable())
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            EMAIL_HTML_PART, new XFrameOptionsHeaderWriter(SAMEORIGIN)))
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            new NegatedRequestMatcher(EMAIL_HTML_PART),
                            new XFrameOptionsHeaderWriter(DENY))))
        .build();
  }

  private static final RequestMatcher EMAIL_HTML_PART = path("/mail/{id}/html");

  /** A browser navigating to a page, as opposed to a script asking for any answer. */
  private static RequestMatcher browser() {
    MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return html;
  }

  /** The Camunda webapps authenticate with their own login page and CSRF protection. */
  @Bean
  @Order(2)
  SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        path("/"),
                        path("/camunda"),
                        path("/camunda/**"),
                        path("/releases"),
                        path("/releases/**"),
                        // issue 16: a note's one-time acknowledgement link needs no login; its
                        // POST carries the page's CSRF token
                        path("/acknowledge/**"),
                        path("/css/**"),
                        path("/error"),
                        path("/favicon.ico"))
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .csrf(csrf -> csrf.ignoringRequestMatchers(path("/camunda/**")))
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        .build();
  }

  /**
   * Hands the user Spring Security authenticated to the engine for the engine REST API, with the
   * groups and tenants looked up at authentication, so the engine's authorizations and tenant check
   * apply to every call as that user without a second look-up.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setInitParameters(
        Map.of(
            ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
            SpringSecurityEngineAuthentication.class.getName()));
    registration.setName("engine-rest-authentication");
    return registration;
  }

  /**
   * The one gate of both engine REST APIs and of the webapps' plugin APIs (see {@link
   * EngineApiGuard}), after Spring Security has authenticated an /engine-rest caller, before the
   * engine sees the call.
   */
  @Bean
  FilterRegistrationBean<EngineApiGuard> engineApiGuard(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<EngineApiGuard> registration =
        new FilterRegistrationBean<>(new EngineApiGuard(json, webappPath));
    registration.addUrlPatterns("/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    registration.setName("engine-api-guard");
    return registration;
  }

  /**
   * Paths are matched on the whole request path: the engine REST API is a servlet of its own, so
   * Spring MVC's path matching would not see it.
   */
  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }

  private AuthenticationEntryPoint unauthorizedWithoutChallenge() {
    return (request, response, exception) ->
        problem(
            response,
            HttpServletResponse.SC_UNAUTHORIZED,
            "Unauthorized",
            "Sign in at " + STAFF_LOGIN + ", or send HTTP Basic credentials of a Camunda user",
            false);
  }

  private AuthenticationEntryPoint unauthorized() {
    return (request, response, exception) ->
        problem(
            response,
            HttpServletResponse.SC_UNAUTHORIZED,
            "Unauthorized",
            "Log in with HTTP Basic as a Camunda user",
            true);
  }

  private AccessDeniedHandler forbidden() {
    return (request, response, exception) ->
        problem(
            response,
            HttpServletResponse.SC_FORBIDDEN,
            "Forbidden",
            "Your groups do not allow " + request.getMethod() + " " + request.getRequestURI(),
            false);
  }

  private void problem(
      HttpServletResponse response, int status, String title, String detail, boolean challenge)
      throws IOException {
    if (challenge) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"CCMT\"");
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
    problem.setTitle(title);
    json.writeValue(response.getWriter(), problem);
  }
}
