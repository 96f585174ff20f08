package uk.ccmt.acknowledgement;

import static uk.ccmt.acknowledgement.NoteAcknowledgements.NOTE_ID;
import static uk.ccmt.acknowledgement.NoteAcknowledgements.PARTICIPANT_CODE;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.system.Excerpt;
import uk.ccmt.system.ProcessVariables;

/**
 * The delegates and listeners of releaseNoteAcknowledgements (a note's round) and of each
 * organisation's releaseNoteAcknowledgement.
 */
@Configuration(proxyBeanMethods = false)
class NoteAcknowledgementDelegates {

  /** The organisations the chase is about, for the release managers' task. */
  static final String NOT_ACKNOWLEDGED = "contextNotAcknowledged";

  /** A web address, left as it is: letters, digits and the characters of a path and anchor. */
  private static final java.util.regex.Pattern LINK =
      java.util.regex.Pattern.compile("https?://[A-Za-z0-9./:#%?&=_~-]+");

  /**
   * One asking step: the group is the step's loopCounter among nrOfInstances. It sets no variable,
   * as steps run side by side.
   */
  @Bean
  JavaDelegate askForAcknowledgementDelegate(NoteAcknowledgements acknowledgements) {
    return execution ->
        acknowledgements.askGroup(
            noteId(execution),
            (Integer) execution.getVariable("loopCounter"),
            (Integer) execution.getVariable("nrOfInstances"));
  }

  @Bean
  JavaDelegate checkAcknowledgementsDelegate(NoteAcknowledgements acknowledgements) {
    return execution ->
        execution.setVariable(
            "everyOrganisationAcknowledged", acknowledgements.allAcknowledged(noteId(execution)));
  }

  /** Queues a reminder, with a new link, to each organisation that has not acknowledged. */
  @Bean
  JavaDelegate remindUnacknowledgedDelegate(NoteAcknowledgements acknowledgements) {
    return execution -> acknowledgements.remind(noteId(execution));
  }

  @Bean
  JavaDelegate sendAcknowledgementRemindersDelegate(NoteAcknowledgements acknowledgements) {
    return execution -> acknowledgements.deliverReminders(noteId(execution));
  }

  /**
   * In the transaction that completes acknowledgeReleaseNote: {@code acknowledged} must be true, or
   * the task stays open with a 400 naming it.
   */
  @Bean
  JavaDelegate recordAcknowledgementDelegate(NoteAcknowledgements acknowledgements) {
    return execution -> {
      Object acknowledged = execution.getVariable("acknowledged");
      acknowledgements.acknowledgeInTasklist(
          execution.getProcessInstanceId(), acknowledged, ProcessVariables.currentUser(execution));
      execution.setVariable("acknowledged", true);
    };
  }

  /**
   * Names the organisation's task for its note, gives it the deadline, and shows the note's text
   * (task-local, in the organisation's own tenant), from the start variables no user touched yet.
   */
  @Bean
  TaskListener noteAcknowledgementTaskListener(NoteAcknowledgements acknowledgements) {
    return task -> {
      NoteAcknowledgements.Question question =
          acknowledgements.questionOf(
              ((Number) task.getVariable(NOTE_ID)).longValue(),
              (String) task.getVariable(PARTICIPANT_CODE));
      task.setName("Acknowledge release note " + question.noteTitle());
      task.setDueDate(Date.from(question.dueAt()));
      task.setVariableLocal("participantName", question.participantName());
      task.setVariableLocal("noteTitle", question.noteTitle());
      task.setVariableLocal("acknowledgeBy", question.dueText());
      task.setVariableLocal(
          "contextNote",
          Excerpt.of(markdown(question.noteText()), "the whole note is on " + question.notePage()));
    };
  }

  /** Names the release managers' chase and lists who has not acknowledged. */
  @Bean
  TaskListener noteAcknowledgementChaseListener(NoteAcknowledgements acknowledgements) {
    return task -> {
      long noteId = ((Number) task.getVariable(NOTE_ID)).longValue();
      task.setName("Chase acknowledgements of " + acknowledgements.noteTitle(noteId));
      task.setVariableLocal("noteTitle", acknowledgements.noteTitle(noteId));
      task.setVariableLocal(
          NOT_ACKNOWLEDGED, markdown(acknowledgements.notAcknowledgedText(noteId)));
    };
  }

  /**
   * Plain text as Markdown that shows as typed: every character Markdown or the form's templating
   * reads is escaped, and each line stays a line. A link of the programme's own web page (the
   * note's text names its page) stays a working link.
   */
  static String markdown(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 32);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == 'h' && (i == 0 || Character.isWhitespace(text.charAt(i - 1))))
          && LINK.matcher(text).region(i, text.length()).lookingAt()) {
        java.util.regex.Matcher link = LINK.matcher(text).region(i, text.length());
        link.lookingAt();
        escaped.append(link.group());
        i = link.end() - 1;
        continue;
      }
      if (c == '\n') {
        escaped.append("  \n");
      } else if (c < ' ') {
        continue;
      } else {
        if ("\\`*_{}[]()<>#+-.!|~=".indexOf(c) >= 0) {
          escaped.append('\\');
        }
        escaped.append(c);
      }
    }
    return escaped.toString().strip();
  }

  private static long noteId(DelegateExecution execution) {
    return ((Number) execution.getVariable(NOTE_ID)).longValue();
  }
}
