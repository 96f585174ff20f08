package uk.ccmt.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The templates keep the plain-text wording the emails had when they were built in code, word for
 * word, and escape what comes from users in the HTML part.
 */
class MailTemplatesTest {

  private final MailTemplates templates = new MailTemplates();

  @Test
  void shouldWriteTheInvitationsTextAsBefore() {
    MailTemplates.Mail mail =
        templates.render(
            "information-request-invitation",
            Map.of(
                "subject",
                "S",
                "organisation",
                "Northern Lights Energy",
                "code",
                "NLE",
                "due",
                "11 December 2026, 17:00 GMT",
                "items",
                List.of("Contact details", "SFTP information"),
                "tasklist",
                "https://ccmt.example/camunda/app/tasklist/"));

    assertThat(mail.text())
        .isEqualTo(
            """
        Dear Northern Lights Energy,

        The CCMT market-trials programme asks Northern Lights Energy (NLE) for the following information, by 11 December 2026, 17:00 GMT:

          - Contact details
          - SFTP information

        Each item is a task for your organisation in Camunda Tasklist, with a form to fill in:
        https://ccmt.example/camunda/app/tasklist/

        Log in with your organisation's user. We will remind you before the due date.

        CCMT release management
        """);
    assertThat(mail.html()).contains("<li>Contact details</li>", "<li>SFTP information</li>");
  }

  @Test
  void shouldListAtMostTheGivenOrganisationsInTheOverdueNotice() {
    MailTemplates.Mail mail =
        templates.render(
            "information-campaign-overdue",
            Map.of(
                "subject",
                "S",
                "campaign",
                "IR-1",
                "due",
                "11 December 2026, 17:00 GMT",
                "lines",
                List.of("A (A): x", "B (B): y"),
                "more",
                3,
                "tasklist",
                "https://ccmt.example/camunda/app/tasklist/"));

    assertThat(mail.text())
        .isEqualTo(
            """
        These information requests of IR-1 were not received by 11 December 2026, 17:00 GMT:

          - A (A): x
          - B (B): y
          … and 3 more organisations

        Each is waiting for the release managers in Tasklist as "Chase overdue information request".
        https://ccmt.example/camunda/app/tasklist/
        The campaign's state: GET /api/information-requests/IR-1
        """);
    assertThat(mail.html()).contains("<li>… and 3 more organisations</li>");
  }

  @Test
  void shouldLeaveOutTheRestLineWhenEveryOrganisationIsListed() {
    MailTemplates.Mail mail =
        templates.render(
            "information-campaign-overdue",
            Map.of(
                "subject",
                "S",
                "campaign",
                "IR-1",
                "due",
                "today",
                "lines",
                List.of("A (A): x"),
                "more",
                0,
                "tasklist",
                "t"));

    assertThat(mail.text())
        .contains("  - A (A): x\n\nEach is waiting")
        .doesNotContain("more organisations");
    assertThat(mail.html()).doesNotContain("more organisations");
  }

  @Test
  void shouldWriteTheReminderAndTheStaffEmailsAsBefore() {
    assertThat(
            templates
                .render(
                    "information-request-reminder",
                    Map.of(
                        "subject",
                        "S",
                        "organisation",
                        "NLE Ltd",
                        "type",
                        "API registration",
                        "campaign",
                        "IR-1",
                        "due",
                        "11 December 2026, 17:00 GMT",
                        "tasklist",
                        "t"))
                .text())
        .isEqualTo(
            """
            Dear NLE Ltd,

            We have not yet received your API registration for the CCMT market trials (request IR-1).
            It is due by 11 December 2026, 17:00 GMT. Please provide it in Camunda Tasklist:
            t

            CCMT release management
            """);
    assertThat(
            templates
                .render(
                    "late-release-review",
                    Map.of(
                        "subject",
                        "S",
                        "release",
                        "E-D-7",
                        "due",
                        "13:00",
                        "defects",
                        List.of("D-7 – Broken", "D-8 – Slow")))
                .text())
        .isEqualTo(
            "The release review of emergency release E-D-7 was due at 13:00 and has not been held. Testing is"
                + " stopped by: D-7 – Broken; D-8 – Slow. Hold the release review in Tasklist.");
    assertThat(
            templates
                .render(
                    "deployment-failure",
                    Map.of(
                        "subject",
                        "S",
                        "problem",
                        "It failed.",
                        "release",
                        "BL-1",
                        "build",
                        "2.0.0",
                        "environment",
                        "DEV1"))
                .text())
        .isEqualTo(
            "It failed.\n\nThe development team is asked in Tasklist to correct the errors of BL-1 (Correct"
                + " release errors): giving build 2.0.0 again redeploys it to DEV1, a corrected build goes along the route"
                + " to live again first.");
  }

  @Test
  void shouldEscapeUserTextInTheHtmlPartOnly() {
    MailTemplates.Mail mail =
        templates.render(
            "deployment-failure",
            Map.of(
                "subject",
                "S",
                "problem",
                "exit 3: <script>alert(1)</script> & more",
                "release",
                "BL-1",
                "build",
                "2.0.0",
                "environment",
                "DEV1"));

    assertThat(mail.html())
        .contains("exit 3: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .doesNotContain("<script>");
    assertThat(mail.text()).startsWith("exit 3: <script>alert(1)</script> & more\n\n");
  }

  @Test
  void shouldListEachPartnerWithItsContacts() {
    record Partner(String name, String code, List<String> contactEmails) {}
    MailTemplates.Mail mail =
        templates.render(
            "partnering-schedule",
            Map.of(
                "subject",
                "S",
                "organisation",
                "Org A",
                "code",
                "A",
                "round",
                "PR-1",
                "partners",
                List.of(new Partner("Org B", "B", List.of("b1@b.example", "b2@b.example"))),
                "schedule",
                "https://ccmt.example/releases#partnering"));

    assertThat(mail.text())
        .isEqualTo(
            """
        Dear Org A,

        The CCMT market-trials programme has published its partnering schedule (PR-1). For switching
        tests, Org A (A) is partnered with:

          - Org B (B): b1@b.example, b2@b.example

        Please contact your partners to arrange your tests. The whole schedule is on the CCMT web page:
        https://ccmt.example/releases#partnering

        CCMT release management
        """);
    assertThat(mail.html())
        .contains(
            "<a href=\"mailto:b1@b.example\">b1@b.example</a>, <a href=\"mailto:b2@b.example\">");
  }

  @Test
  void shouldKeepManyLinesApart() {
    List<String> lines = IntStream.range(0, 3).mapToObj(i -> "O" + i).toList();
    String text =
        templates
            .render(
                "information-campaign-overdue",
                Map.of(
                    "subject",
                    "S",
                    "campaign",
                    "IR-1",
                    "due",
                    "d",
                    "lines",
                    lines,
                    "more",
                    0,
                    "tasklist",
                    "t"))
            .text();
    assertThat(text)
        .contains(
            lines.stream().map(line -> "  - " + line).collect(Collectors.joining("\n")) + "\n\n");
  }
}
