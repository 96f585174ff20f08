package uk.ccmt.review;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.ccmt.participant.ParticipationFigures;

/**
 * An organisation's document reviews for its KPIs: how many it was asked, answered, answered by the
 * deadline, answered with no comments, and how many comments it made.
 */
@Component
class ReviewFigures implements ParticipationFigures {

  private final ReviewRepository reviews;

  ReviewFigures(ReviewRepository reviews) {
    this.reviews = reviews;
  }

  @Override
  public String section() {
    return "reviews";
  }

  @Override
  public Map<String, Object> of(String participantCode) {
    Map<String, Object> figures = new LinkedHashMap<>(reviews.figures(participantCode));
    figures.put("comments", reviews.commentsOf(participantCode));
    return figures;
  }
}
