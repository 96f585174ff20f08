package uk.ccmt.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.ccmt.review.ReviewLines.Response;
import uk.ccmt.system.InvalidInputException;

/** The comment and response lines of a review, as people type them in Tasklist. */
class ReviewLinesTest {

  @Test
  void shouldReadEachCommentWithItsSectionOrPageReference() {
    assertThat(
            ReviewLines.comments(
                false,
                "3.2: The freeze window should start on the Monday\n\n"
                    + "p. 4: Name the approver\r\nAnnex A: The RACI misses the test team\n"
                    + "Section 5.1(b): Too vague\nTable 2: Wrong totals"))
        .extracting(ReviewLines.Comment::reference)
        .containsExactly("3.2", "p. 4", "Annex A", "Section 5.1(b)", "Table 2");
  }

  @Test
  void shouldRefuseALineWithoutAReferenceNamingItsNumber() {
    assertThatThrownBy(() -> ReviewLines.comments(false, "3.2: Fine\nThe window is too short"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("comments: line 2")
        .hasMessageContaining("section or page reference");
    assertThatThrownBy(() -> ReviewLines.comments(false, "General remark: too long"))
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> ReviewLines.comments(false, "3.2:   "))
        .hasMessageContaining("has no comment");
  }

  @Test
  void shouldRefuseNoCommentsWithCommentsAndCommentsWithoutAny() {
    assertThatThrownBy(() -> ReviewLines.comments(true, "3.2: but"))
        .hasMessageStartingWith("comments: ");
    assertThatThrownBy(() -> ReviewLines.comments(false, " \n "))
        .hasMessageStartingWith("comments: give at least one comment");
    assertThat(ReviewLines.comments(true, "  ")).isEmpty();
  }

  @Test
  void shouldReadOneResponseForEveryComment() {
    var answers =
        ReviewLines.responses(
            "1: accepted\n2: Rejected - the plan covers this in 4.1\n3. noted\n", Set.of(1, 2, 3));
    assertThat(answers.get(1).response()).isEqualTo(Response.ACCEPTED);
    assertThat(answers.get(2).response()).isEqualTo(Response.REJECTED);
    assertThat(answers.get(2).reason()).isEqualTo("the plan covers this in 4.1");
    assertThat(answers.get(3).response()).isEqualTo(Response.NOTED);
  }

  @Test
  void shouldRefuseABadResponseNamingItsLine() {
    assertThatThrownBy(() -> ReviewLines.responses("1: accepted\n2: rejected", Set.of(1, 2)))
        .hasMessageStartingWith("responses: line 2")
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> ReviewLines.responses("1: maybe", Set.of(1)))
        .hasMessageStartingWith("responses: line 1");
    assertThatThrownBy(() -> ReviewLines.responses("1: noted\n7: noted", Set.of(1)))
        .hasMessageContaining("no comment 7");
    assertThatThrownBy(() -> ReviewLines.responses("1: noted\n1: accepted", Set.of(1)))
        .hasMessageContaining("has a response already");
    assertThatThrownBy(() -> ReviewLines.responses("1: noted", Set.of(1, 2)))
        .hasMessageContaining("comment [2] has no response yet");
    assertThat(ReviewLines.responses("", Set.of())).isEmpty();
  }
}
