package uk.ccmt.acknowledgement;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the acknowledgement models read from the product's tables rather than from process
 * variables: how many asking steps a round runs, and when its organisations are chased.
 */
@Component("noteAcknowledgementModel")
public class NoteAcknowledgementModel {

  private final NoteAcknowledgements acknowledgements;

  NoteAcknowledgementModel(NoteAcknowledgements acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  public int groupsToAsk(DelegateExecution execution) {
    return acknowledgements.groupsToAsk(noteId(execution));
  }

  /** ccmt.notes.acknowledge-within after the note was shared. */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(acknowledgements.dueAt(noteId(execution)));
  }

  private static long noteId(DelegateExecution execution) {
    return ((Number) execution.getVariable(NoteAcknowledgements.NOTE_ID)).longValue();
  }
}
