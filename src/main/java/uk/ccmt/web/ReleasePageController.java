package uk.ccmt.web;

import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import uk.ccmt.freeze.Freeze;
import uk.ccmt.freeze.Freezes;
import uk.ccmt.partnering.PartneringService;
import uk.ccmt.query.Queries;
import uk.ccmt.system.ReadableDates;

/**
 * The public CCMT web page: every release note, the release calendar with its freezes, the
 * partnering schedule, and each release's page.
 */
@Controller
@RequestMapping("/releases")
class ReleasePageController {

  private final PublicReleases releases;
  private final PartneringService partnering;
  private final ReadableDates dates;
  private final Freezes freezes;
  private final Clock clock;
  private final Queries queries;

  ReleasePageController(
      PublicReleases releases,
      PartneringService partnering,
      ReadableDates dates,
      Freezes freezes,
      Clock clock,
      Queries queries) {
    this.queries = queries;
    this.releases = releases;
    this.partnering = partnering;
    this.dates = dates;
    this.freezes = freezes;
    this.clock = clock;
  }

  @GetMapping
  String releases(Model model) {
    PublicReleases.Overview overview = releases.overview();
    model.addAttribute("notes", overview.notes());
    model.addAttribute("calendar", overview.calendar());
    model.addAttribute("freezes", freezes.currentAndFuture().stream().map(this::shown).toList());
    model.addAttribute("zone", clock.getZone().getId());
    partnering
        .publishedSchedule()
        .ifPresent(
            schedule -> {
              model.addAttribute("partnering", schedule);
              model.addAttribute("partneringPublished", dates.describe(schedule.publishedAt()));
            });
    // Questions and answers the programme published: never the organisation or the user.
    model.addAttribute(
        "questions",
        queries.published().stream()
            .map(
                question ->
                    new QuestionShown(
                        question.id(),
                        question.subject(),
                        question.text(),
                        question.answer(),
                        dates.describe(question.answeredAt())))
            .toList());
    return "releases";
  }

  /** A published query as the page shows it. */
  record QuestionShown(String id, String subject, String text, String answer, String answeredAt) {}

  /** A freeze as the page shows it: dates in words, in the calendar zone. */
  record FreezeShown(
      String id, String environments, String from, String to, String reason, boolean inForce) {}

  private FreezeShown shown(Freeze freeze) {
    return new FreezeShown(
        freeze.subjectId(),
        String.join(", ", freeze.environments()),
        dates.describe(freeze.from()),
        dates.describe(freeze.to()),
        freeze.reason(),
        !freeze.from().isAfter(clock.instant()));
  }

  /**
   * An unknown release gets a page of its own rather than an exception: the API's error handler
   * would answer a participant's browser with JSON.
   */
  @GetMapping("/{id}")
  ModelAndView release(@PathVariable String id) {
    return releases
        .release(id)
        .map(page -> new ModelAndView("release", Map.of("release", page)))
        .orElseGet(
            () -> new ModelAndView("not-found", Map.of("releaseId", id), HttpStatus.NOT_FOUND));
  }

  /** Nothing lives below a release's page, and a browser that asks still gets a page. */
  @GetMapping("/{id}/**")
  ModelAndView belowARelease() {
    return new ModelAndView("not-found", Map.of(), HttpStatus.NOT_FOUND);
  }
}
