package uk.ccmt.participant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.ParticipantService.ImportResult;
import uk.ccmt.participant.ParticipantService.NewParticipant;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.TextInput;

/**
 * Loads a programme's participant list from CSV, all or nothing: every row is checked first, and
 * one bad row rejects the whole file with its line number.
 *
 * <p>The file has a header row naming the columns {@value #HEADER}, in any order. Values follow RFC
 * 4180 (quote a value holding a comma). contactEmails holds one or more addresses separated by
 * semicolons, commas (in a quoted value) or spaces; takesPart is true or false and defaults to
 * true.
 *
 * <p>Codes the registry knows are updated to their row, with history; new ones are registered. The
 * answer says which were created, updated and unchanged.
 */
@Service
public class ParticipantImport {

  static final String HEADER = "code,name,category,region,contactEmails,takesPart";
  private static final List<String> REQUIRED = List.of("code", "name", "category", "contactEmails");
  private static final List<String> KNOWN = Arrays.asList(HEADER.split(","));

  private final ParticipantService participants;
  private final ParticipantImportProperties limits;

  ParticipantImport(ParticipantService participants, ParticipantImportProperties limits) {
    this.participants = participants;
    this.limits = limits;
  }

  /** The file as UTF-8 text, read no further than ccmt.participants.import.max-size. */
  String read(InputStream body) throws IOException {
    if (body == null) {
      return "";
    }
    long max = limits.maxSize().toBytes();
    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    if (bytes.length > max) {
      throw new ImportTooLargeException(
          "body",
          max,
          "the file is larger than "
              + max
              + " bytes (ccmt.participants.import.max-size); nothing was imported");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Loads the file: new codes are registered, known ones updated to their row (with history), all
   * or none.
   */
  @Transactional
  public ImportResult load(String csv, String user) {
    List<CsvRecord> records = CsvRecord.parse(csv == null ? "" : csv);
    if (records.isEmpty()) {
      throw new ImportRejectedException(
          List.of(new RowProblem(1, "header", "the file is empty; expected " + HEADER)));
    }
    long dataRows = records.stream().skip(1).filter(record -> !record.isBlank()).count();
    if (dataRows > limits.maxRows()) {
      throw new ImportTooLargeException(
          "rows",
          limits.maxRows(),
          "the file has "
              + dataRows
              + " participants; at most "
              + limits.maxRows()
              + " are taken in one import (ccmt.participants.import.max-rows); nothing was imported");
    }
    Map<String, Integer> columns = columns(records.get(0));
    List<RowProblem> problems = new ArrayList<>();
    List<NewParticipant> rows = new ArrayList<>();
    Map<String, Integer> firstLineOfCode = new HashMap<>();
    Set<String> registered = participants.codes();
    for (CsvRecord record : records.subList(1, records.size())) {
      if (record.isBlank()) {
        continue;
      }
      try {
        NewParticipant row = row(record, columns);
        Participant checked = ParticipantService.validate(row);
        Integer earlier = firstLineOfCode.putIfAbsent(checked.code(), record.line());
        if (earlier != null) {
          problems.add(
              new RowProblem(
                  record.line(),
                  "code",
                  "'" + checked.code() + "' is on line " + earlier + " already"));
        }
        rows.add(row);
      } catch (InvalidInputException e) {
        problems.add(new RowProblem(record.line(), e.field(), e.reason()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportRejectedException(problems);
    }
    if (rows.isEmpty()) {
      throw new ImportRejectedException(
          List.of(new RowProblem(2, "code", "the file has a header but no participants")));
    }
    List<NewParticipant> created = new ArrayList<>();
    List<NewParticipant> known = new ArrayList<>();
    for (NewParticipant row : rows) {
      (registered.contains(ParticipantService.validate(row).code()) ? known : created).add(row);
    }
    ImportResult updates = participants.updateAll(known, columns.keySet(), user);
    List<String> codes =
        participants.registerAll(created, user).stream().map(Participant::code).toList();
    return new ImportResult(codes, updates.updated(), updates.unchanged());
  }

  private static Map<String, Integer> columns(CsvRecord header) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.values().size(); i++) {
      String name = header.values().get(i).strip();
      if (!KNOWN.contains(name)) {
        throw new ImportRejectedException(
            List.of(
                new RowProblem(
                    header.line(),
                    "header",
                    "unknown column '" + name + "'; the columns are " + HEADER)));
      }
      columns.put(name, i);
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        throw new ImportRejectedException(
            List.of(
                new RowProblem(
                    header.line(),
                    "header",
                    "the column '" + required + "' is missing; the columns are " + HEADER)));
      }
    }
    return columns;
  }

  private static NewParticipant row(CsvRecord record, Map<String, Integer> columns) {
    if (record.values().size() > columns.size()) {
      throw new InvalidInputException(
          "row",
          "has "
              + record.values().size()
              + " values for "
              + columns.size()
              + " columns; quote a value that holds a comma");
    }
    String emails = value(record, columns, "contactEmails");
    List<String> contactEmails =
        emails == null || emails.isBlank()
            ? List.of()
            : Arrays.stream(emails.strip().split("[;,\\s]+")).toList();
    return new NewParticipant(
        value(record, columns, "code"),
        value(record, columns, "name"),
        value(record, columns, "category"),
        value(record, columns, "region"),
        contactEmails,
        takesPart(value(record, columns, "takesPart")));
  }

  private static Boolean takesPart(String value) {
    if (value == null || value.isBlank()) {
      return true;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y" -> true;
      case "false", "no", "n" -> false;
      default ->
          throw new InvalidInputException("takesPart", "'" + value + "' is not true or false");
    };
  }

  /** A cell, under TextInput's character rule: only contactEmails may span lines. */
  private static String value(CsvRecord record, Map<String, Integer> columns, String column) {
    Integer index = columns.get(column);
    String value =
        index == null || index >= record.values().size() ? null : record.values().get(index);
    if (value != null) {
      TextInput.characterProblem(value, column.equals("contactEmails"))
          .ifPresent(
              reason -> {
                throw new InvalidInputException(column, reason);
              });
    }
    return value;
  }

  /** One refused row: its line in the file, the column, and why. */
  public record RowProblem(int line, String field, String reason) {

    @Override
    public String toString() {
      return "line " + line + ": " + field + ": " + reason;
    }
  }

  /** The file has more rows or bytes than one import takes; nothing of it was imported. */
  public static class ImportTooLargeException extends RuntimeException {

    private final String field;
    private final long limit;

    ImportTooLargeException(String field, long limit, String reason) {
      super(field + ": " + reason);
      this.field = field;
      this.limit = limit;
    }

    public String field() {
      return field;
    }

    public long limit() {
      return limit;
    }
  }

  /** The file was refused; nothing of it was imported. */
  public static class ImportRejectedException extends RuntimeException {

    private final List<RowProblem> problems;

    ImportRejectedException(List<RowProblem> problems) {
      super(
          "Nothing was imported. "
              + String.join("; ", problems.stream().map(RowProblem::toString).toList()));
      this.problems = List.copyOf(problems);
    }

    public List<RowProblem> problems() {
      return problems;
    }
  }

  /** A CSV record and the line of the file it starts on (a quoted value may span lines). */
  record CsvRecord(int line, List<String> values) {

    /**
     * RFC 4180 as Commons CSV reads it. Empty lines are kept as blank records rather than skipped,
     * so each record's first line can be read from the parser's line count.
     */
    private static final CSVFormat FORMAT =
        CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    boolean isBlank() {
      return values.stream().allMatch(String::isBlank);
    }

    static List<CsvRecord> parse(String text) {
      String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
      List<CsvRecord> records = new ArrayList<>();
      int recordLine = 1;
      try (CSVParser parser = CSVParser.parse(body, FORMAT)) {
        Iterator<CSVRecord> it = parser.iterator();
        while (true) {
          // The parser has read up to the end of the previous record; this one starts on the next
          // line.
          recordLine = (int) parser.getCurrentLineNumber() + 1;
          if (!it.hasNext()) {
            break;
          }
          records.add(new CsvRecord(recordLine, it.next().toList()));
        }
      } catch (IOException | UncheckedIOException | IllegalStateException e) {
        throw new ImportRejectedException(
            List.of(new RowProblem(recordLine, "row", unreadable(e))));
      }
      return records;
    }

    private static String unreadable(Exception e) {
      String message =
          String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      return message.contains("EOF reached before encapsulated token finished")
          ? "a quoted value is not closed"
          : "is not valid CSV (RFC 4180): a quoted value must be followed by a comma or the end of the line";
    }
  }
}
