package uk.ccmt.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ccmt.participant.ParticipantImport.CsvRecord;
import uk.ccmt.participant.ParticipantImport.ImportRejectedException;
import uk.ccmt.participant.ParticipantImport.RowProblem;

/** The participant list's CSV as the import reads it: RFC 4180, with each record's first line. */
class ParticipantCsvTest {

  @Test
  void shouldReadQuotedValuesAndNumberEachRecordByTheLineItStartsOn() {
    List<CsvRecord> records =
        CsvRecord.parse(
            """
        code,name,contactEmails
        A,"Thames Power, Gas & Light","a@a.example
        b@a.example"

        B,"The ""Quoted"" Co",b@b.example
        """);

    assertThat(records)
        .containsExactly(
            new CsvRecord(1, List.of("code", "name", "contactEmails")),
            new CsvRecord(2, List.of("A", "Thames Power, Gas & Light", "a@a.example\nb@a.example")),
            new CsvRecord(4, List.of("")),
            new CsvRecord(5, List.of("B", "The \"Quoted\" Co", "b@b.example")));
  }

  @Test
  void shouldReadWindowsLineEndsAByteOrderMarkAndNoFinalLineEnd() {
    List<CsvRecord> records = CsvRecord.parse("\uFEFFcode,name\r\nA,One\r\nB,Two");

    assertThat(records)
        .containsExactly(
            new CsvRecord(1, List.of("code", "name")),
            new CsvRecord(2, List.of("A", "One")),
            new CsvRecord(3, List.of("B", "Two")));
  }

  @Test
  void shouldReadNothingFromAnEmptyFile() {
    assertThat(CsvRecord.parse("")).isEmpty();
  }

  @Test
  void shouldRefuseAnUnclosedQuoteNamingTheLineItOpensOn() {
    assertThatThrownBy(() -> CsvRecord.parse("code,name\nA,One\nB,\"Two\nC,Three\n"))
        .isInstanceOfSatisfying(
            ImportRejectedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(new RowProblem(3, "row", "a quoted value is not closed")));
  }

  @Test
  void shouldRefuseTextAfterAClosingQuote() {
    assertThatThrownBy(() -> CsvRecord.parse("code,name\nA,\"One\"x\n"))
        .isInstanceOfSatisfying(
            ImportRejectedException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        problem -> {
                          assertThat(problem.line()).isEqualTo(2);
                          assertThat(problem.field()).isEqualTo("row");
                        }));
  }
}
