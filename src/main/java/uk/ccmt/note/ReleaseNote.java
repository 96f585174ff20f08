package uk.ccmt.note;

import java.time.Instant;

/** One version of a release note. A later version supersedes an earlier one and never deletes it. */
public record ReleaseNote(String releaseId, NoteKind kind, int version, String summary, Instant createdAt) {
}
