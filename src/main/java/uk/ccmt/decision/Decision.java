package uk.ccmt.decision;

import java.time.Instant;
import java.util.Map;

/**
 * One human decision on a release or request: the task (or API action) it was taken in, what was
 * decided in words, the values as submitted, who decided, when, and the optional comment.
 *
 * @param subjectId the release id (R-…, E-…, BL-…) or the request id the decision is about
 * @param task the task key, such as {@code approveEmergencyFix}, or the API action, such as {@code
 *     rollback}
 * @param taskName what people call the task, such as "Approve emergency fix"
 * @param decision the choice in words, such as "approved" or "refused"
 * @param values the submitted values, in order
 */
public record Decision(
    String subjectId,
    String task,
    String taskName,
    String decision,
    Map<String, Object> values,
    String user,
    Instant at,
    String comment) {}
