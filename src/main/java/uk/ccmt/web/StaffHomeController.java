package uk.ccmt.web;

import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import uk.ccmt.release.Release;
import uk.ccmt.release.ReleaseService;
import uk.ccmt.system.Groups;
import uk.ccmt.system.StaffLanding;

/**
 * The staff area's home (issue 17): what the signed-in member of the staff may open, where a
 * developer or tester lands after the sign-in form (StaffLanding).
 */
@Controller
class StaffHomeController {

  /** The newest releases the home lists; every other is a typed address away. */
  static final int RELEASES_SHOWN = 20;

  private final ReleaseService releases;

  StaffHomeController(ReleaseService releases) {
    this.releases = releases;
  }

  @GetMapping(StaffLanding.STAFF_HOME)
  ModelAndView home(Authentication user) {
    List<String> groups = Groups.of(user);
    List<Release> newest =
        releases.list().stream()
            .sorted(
                Comparator.comparing(
                        Release::plannedDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Release::id)
                    .reversed())
            .limit(RELEASES_SHOWN)
            .toList();
    ModelAndView page = new ModelAndView("staff-home");
    page.addObject("user", user.getName());
    page.addObject("releaseManager", Groups.isProgrammeStaff(groups));
    page.addObject("releases", newest);
    return page;
  }
}
