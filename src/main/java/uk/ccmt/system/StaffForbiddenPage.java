package uk.ccmt.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The staff area's 403 for a browser (issue 17): a page in the product's layout saying what the
 * signed-in user may not see and whom to ask, with a way home and a way to sign out. A script (no
 * HTML asked for) gets the problem JSON instead, as from the API.
 */
final class StaffForbiddenPage implements AccessDeniedHandler {

  private final RequestMatcher browser;
  private final AccessDeniedHandler otherwise;
  private final StaffContacts staff;
  private final ObjectProvider<ThymeleafViewResolver> views;

  StaffForbiddenPage(
      RequestMatcher browser,
      AccessDeniedHandler otherwise,
      StaffContacts staff,
      ObjectProvider<ThymeleafViewResolver> views) {
    this.browser = browser;
    this.otherwise = otherwise;
    this.staff = staff;
    this.views = views;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
      throws java.io.IOException, jakarta.servlet.ServletException {
    ThymeleafViewResolver resolver = views.getIfAvailable();
    if (resolver == null || !browser.matches(request) || response.isCommitted()) {
      otherwise.handle(request, response, refusal);
      return;
    }
    if (refusal instanceof CsrfException) {
      // a form kept open past its session (or across a restart): no refusal of the user, sign in
      response.sendRedirect(request.getContextPath() + SecurityConfig.STAFF_LOGIN + "?expired");
      return;
    }
    Optional<Authentication> user =
        Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication());
    List<String> groups = user.map(Groups::of).orElse(List.of());
    try {
      View page = resolver.resolveViewName("staff-forbidden", request.getLocale());
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      page.render(
          Map.of(
              "user", user.map(Authentication::getName).orElse("nobody"),
              "asked", request.getRequestURI(),
              "participant", !StaffLanding.isStaff(groups),
              "home", StaffLanding.homeOf(groups),
              "releaseManagers", staff.releaseManagers()),
          request,
          response);
    } catch (Exception renderingFailed) {
      if (response.isCommitted()) {
        throw new IllegalStateException("could not show the 403 page", renderingFailed);
      }
      otherwise.handle(request, response, refusal);
    }
  }
}
