package uk.ccmt.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Where each person lands after signing in at /staff/login (issue 17): the page they asked for if
 * they may see it, else their own home. A release manager's is the sent mail, another member of the
 * staff's the staff home (/staff), a participant organisation's user's Tasklist, where their tasks
 * are. Nobody is sent on to a 403.
 */
public final class StaffLanding implements AuthenticationSuccessHandler {

  /** The staff pages for the release managers (and administrators) only. */
  public static final List<String> RELEASE_MANAGERS_PAGES =
      List.of("/mail", "/mail/**", "/staff/participants");

  public static final String RELEASE_MANAGERS_HOME = "/mail";
  public static final String STAFF_HOME = "/staff";
  public static final String TASKLIST = "/camunda/app/tasklist/";

  private static final List<PathPattern> RELEASE_MANAGERS_ONLY =
      RELEASE_MANAGERS_PAGES.stream().map(PathPatternParser.defaultInstance::parse).toList();

  private final RequestCache requestCache;
  private final RedirectStrategy redirect = new DefaultRedirectStrategy();

  StaffLanding(RequestCache requestCache) {
    this.requestCache = requestCache;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    List<String> groups = Groups.of(authentication);
    // Only a staff page asked for is honoured (the webapps' chain saves its requests in the same
    // session), and only as a path on this server.
    Optional<String> asked =
        Optional.ofNullable(requestCache.getRequest(request, response))
            .map(SavedRequest::getRedirectUrl)
            .map(StaffLanding::localPart)
            .filter(local -> isStaffPage(pathOf(local)) && maySee(groups, pathOf(local)));
    requestCache.removeRequest(request, response);
    redirect.sendRedirect(request, response, asked.orElse(homeOf(groups)));
  }

  /** The first page of someone with these groups. */
  public static String homeOf(List<String> groups) {
    if (Groups.isProgrammeStaff(groups)) {
      return RELEASE_MANAGERS_HOME;
    }
    if (isStaff(groups)) {
      return STAFF_HOME;
    }
    return TASKLIST;
  }

  /** Whether someone with these groups may open this staff page (as staffPagesSecurity decides). */
  static boolean maySee(List<String> groups, String path) {
    if (path == null) {
      return false;
    }
    if (Groups.isProgrammeStaff(groups)) {
      return true;
    }
    PathContainer parsed = PathContainer.parsePath(path);
    return isStaff(groups) && RELEASE_MANAGERS_ONLY.stream().noneMatch(p -> p.matches(parsed));
  }

  /** The path and query of a URL, without scheme and host; null when it cannot be read. */
  private static String localPart(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
        return null;
      }
      return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }

  /** A page of the staff area (/mail, /staff and below), not its sign-in or sign-out. */
  static boolean isStaffPage(String path) {
    return path != null
        && (path.equals("/mail")
            || path.startsWith("/mail/")
            || path.equals(STAFF_HOME)
            || (path.startsWith(STAFF_HOME + "/")
                && !path.equals("/staff/login")
                && !path.equals("/staff/logout")));
  }

  private static String pathOf(String url) {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url).getRawPath();
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }

  public static boolean isStaff(List<String> groups) {
    return groups.contains(Groups.RELEASE_MANAGERS)
        || groups.contains(Groups.DEVELOPMENT_TEAM)
        || groups.contains(Groups.TEST_TEAM)
        || groups.contains(Groups.ADMINISTRATORS);
  }
}
