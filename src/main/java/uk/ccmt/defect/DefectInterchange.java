package uk.ccmt.defect;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.defect.DefectEdits.Edit;
import uk.ccmt.defect.DefectEdits.Edit.Value;
import uk.ccmt.defect.DefectService.NewDefect;
import uk.ccmt.system.ConflictException;
import uk.ccmt.system.InvalidInputException;

/**
 * The register as CSV, for the programme's defect tool (RQM): the columns {@value #HEADER}, a
 * header row naming them in any order, RFC 4180 as Commons CSV reads and writes it.
 *
 * <p>An import is all or nothing, in one transaction. Every row is checked before anything is
 * written, and the first bad row rejects the file with its line and field. A row whose id is known
 * is an edit (title, severity, component, stopsTesting: the PATCH path, with history; a column the
 * file leaves out stays as it is); one with nothing different changes nothing. A new id is raised
 * as POST /api/defects raises it, so an S1 that stops testing starts its emergency.
 *
 * <p>What an import may not set: status belongs to the workflow, so a new row may only say RAISED
 * (or nothing), and a known row's status is not read (RQM's copy may be behind the release); kind
 * is DEFECT for a new row (configuration changes come through POST /api/changes), and a known row's
 * must be its own; raisedBy is a fact of the raising, read for new rows only.
 */
@Service
class DefectInterchange {

  static final String HEADER = "id,title,severity,stopsTesting,component,raisedBy,kind,status";
  static final List<String> COLUMNS = List.of(HEADER.split(","));
  static final List<String> REQUIRED = List.of("id", "title", "severity");

  /** The API's body limit (EngineRestInputFilter): a 10,000-row RQM file fits well within. */
  static final int MAX_BYTES = 2 * 1024 * 1024;

  static final int MAX_ROWS = 10_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

  /**
   * A cell a spreadsheet would read as a formula (OWASP CSV injection), possibly already escaped:
   * the export adds one apostrophe, the import takes one off, so every value comes back as it was.
   */
  private static final Pattern FORMULA = Pattern.compile("^'*[=+\\-@\\t\\r].*", Pattern.DOTALL);

  private static final CSVFormat READ =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
  private static final CSVFormat WRITE =
      CSVFormat.RFC4180.builder().setHeader(HEADER.split(",")).get();

  private final DefectRepository defects;
  private final DefectService service;
  private final DefectEdits edits;

  DefectInterchange(DefectRepository defects, DefectService service, DefectEdits edits) {
    this.defects = defects;
    this.service = service;
    this.edits = edits;
  }

  /** The body as UTF-8 text, read no further than {@link #MAX_BYTES}. */
  static String read(InputStream body) throws IOException {
    if (body == null) {
      return "";
    }
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new ImportRejected(
          0, "body", "the file is larger than " + MAX_BYTES + " bytes; nothing was imported");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  @Transactional
  public Counts load(String csv, String user) {
    List<Line> lines = parse(csv);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new ImportRejected(1, "header", "the file has no header; expected " + HEADER);
    }
    Map<String, Integer> columns = columns(lines.get(0));
    List<Line> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    if (rows.size() > MAX_ROWS) {
      throw new ImportRejected(
          0,
          "body",
          "the file has " + rows.size() + " rows; at most " + MAX_ROWS + " go in one import");
    }
    Map<String, Defect> known = new HashMap<>();
    defects
        .findByIds(
            rows.stream().map(row -> cell(row, columns, "id")).filter(id -> id != null).toList())
        .forEach(defect -> known.put(defect.id(), defect));

    // First every row is checked, so a bad one is reported before anything is written.
    Map<String, Integer> seen = new HashMap<>();
    List<Planned> plan = new ArrayList<>();
    for (Line row : rows) {
      try {
        plan.add(check(row, columns, known, seen));
      } catch (InvalidInputException e) {
        throw new ImportRejected(row.number(), e.field(), e.reason());
      } catch (ConflictException e) {
        throw new ImportRejected(row.number(), "status", e.getMessage());
      }
    }
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    for (Planned planned : plan) {
      try {
        if (planned.newDefect() != null) {
          service.raise(planned.newDefect());
          created++;
        } else if (planned.changed()) {
          edits.apply(planned.before(), planned.edit(), user);
          updated++;
        } else {
          unchanged++;
        }
      } catch (InvalidInputException e) {
        throw new ImportRejected(planned.line(), e.field(), e.reason());
      }
    }
    return new Counts(created, updated, unchanged);
  }

  private static Planned check(
      Line row,
      Map<String, Integer> columns,
      Map<String, Defect> known,
      Map<String, Integer> seen) {
    if (row.values().size() > columns.size()) {
      throw new InvalidInputException(
          "row",
          "has "
              + row.values().size()
              + " values for "
              + columns.size()
              + " columns; quote a value that holds a comma");
    }
    String id = DefectService.requireText(cell(row, columns, "id"), "id", 64);
    if (!ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "id", "'" + id + "' may hold only letters, digits, '.', '_' and '-'");
    }
    Integer earlier = seen.putIfAbsent(id, row.number());
    if (earlier != null) {
      throw new InvalidInputException("id", "'" + id + "' is on line " + earlier + " already");
    }
    Boolean stopsTesting =
        columns.containsKey("stopsTesting") ? flag(cell(row, columns, "stopsTesting")) : null;
    String kind = upper(cell(row, columns, "kind"));
    Defect before = known.get(id);
    if (before == null) {
      String status = upper(cell(row, columns, "status"));
      if (status != null && !status.equals(DefectStatus.RAISED.name())) {
        throw new InvalidInputException(
            "status",
            "'"
                + status
                + "' cannot be imported: a new defect enters the register RAISED, and the"
                + " workflow moves it on");
      }
      if (kind != null && !kind.equals(ItemKind.DEFECT.name())) {
        throw new InvalidInputException(
            "kind",
            "'"
                + kind
                + "' cannot be imported: an import raises defects; configuration changes are"
                + " created with POST /api/changes");
      }
      NewDefect raised =
          new NewDefect(
              id,
              cell(row, columns, "title"),
              cell(row, columns, "severity"),
              stopsTesting,
              cell(row, columns, "component"),
              cell(row, columns, "raisedBy"));
      // the checks raise applies, made now so that nothing is written before every row passed
      DefectService.requireText(raised.title(), "title", 500);
      DefectService.severity(raised.severity());
      DefectService.optionalText(raised.component(), "component", 200);
      DefectService.optionalText(raised.raisedBy(), "raisedBy", 200);
      return new Planned(row.number(), raised, null, null, false);
    }
    if (kind != null && !kind.equals(before.kind().name())) {
      throw new InvalidInputException(
          "kind", "is " + before.kind() + " for '" + id + "' and cannot be changed to " + kind);
    }
    Edit edit =
        new Edit(
            Value.of(cell(row, columns, "title")),
            Value.of(cell(row, columns, "severity")),
            columns.containsKey("component")
                ? Value.of(cell(row, columns, "component"))
                : Value.ABSENT,
            stopsTesting == null ? Value.ABSENT : Value.of(stopsTesting));
    Defect after = DefectEdits.edited(before, edit);
    boolean changed = !after.equals(before);
    if (changed) {
      DefectEdits.refuseIfClosed(before);
    }
    return new Planned(row.number(), null, before, edit, changed);
  }

  /** The defects as CSV with a header row, every cell safe to open in a spreadsheet. */
  static String write(List<Defect> register) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
      for (Defect defect : register) {
        printer.printRecord(
            safe(defect.id()),
            safe(defect.title()),
            // a configuration change has no severity
            defect.severity() == null ? "" : defect.severity().name(),
            Boolean.toString(defect.stopsTesting()),
            safe(defect.component()),
            safe(defect.raisedBy()),
            defect.kind().name(),
            defect.status().name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String safe(String value) {
    if (value == null) {
      return "";
    }
    return FORMULA.matcher(value).matches() ? "'" + value : value;
  }

  /** Undoes {@link #safe}: an empty cell is no value. */
  static String unescape(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return value.startsWith("'") && FORMULA.matcher(value).matches() ? value.substring(1) : value;
  }

  private static Map<String, Integer> columns(Line header) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < header.values().size(); i++) {
      String name = header.values().get(i).strip();
      if (!COLUMNS.contains(name)) {
        unknown.add("'" + name + "'");
      } else if (columns.putIfAbsent(name, i) != null) {
        throw new ImportRejected(header.number(), "header", "the column '" + name + "' is twice");
      }
    }
    if (!unknown.isEmpty()) {
      throw new ImportRejected(
          header.number(),
          "header",
          "unknown column"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + "; the columns are "
              + HEADER);
    }
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new ImportRejected(
          header.number(),
          "header",
          "missing required column"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
              + "; the columns are "
              + HEADER);
    }
    return columns;
  }

  private static String cell(Line row, Map<String, Integer> columns, String column) {
    Integer index = columns.get(column);
    return index == null || index >= row.values().size() ? null : unescape(row.values().get(index));
  }

  private static String upper(String value) {
    return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
  }

  private static Boolean flag(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y" -> true;
      case "false", "no", "n" -> false;
      default ->
          throw new InvalidInputException("stopsTesting", "'" + value + "' is not true or false");
    };
  }

  private static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    int number = 1;
    try (CSVParser parser = CSVParser.parse(text == null ? "" : text, READ)) {
      Iterator<CSVRecord> it = parser.iterator();
      while (true) {
        // the parser has read to the end of the previous record; this one starts on the next line
        number = (int) parser.getCurrentLineNumber() + 1;
        if (!it.hasNext()) {
          break;
        }
        lines.add(new Line(number, it.next().toList()));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new ImportRejected(
          number,
          "row",
          "is not valid CSV (RFC 4180): a quoted value must be closed, and followed by a comma or"
              + " the end of the line");
    }
    return lines;
  }

  /** One record of the file and the line it starts on (a quoted value may span lines). */
  private record Line(int number, List<String> values) {
    boolean isBlank() {
      return values.stream().allMatch(String::isBlank);
    }
  }

  private record Planned(
      int line, NewDefect newDefect, Defect before, Edit edit, boolean changed) {}

  /** What an import did. */
  record Counts(int created, int updated, int unchanged) {}

  /** The file was refused at this line (0: the file as a whole) and field; nothing was written. */
  static class ImportRejected extends RuntimeException {

    private final int line;
    private final String field;

    ImportRejected(int line, String field, String reason) {
      super((line > 0 ? "line " + line + ": " : "") + field + ": " + reason);
      this.line = line;
      this.field = field;
    }

    int line() {
      return line;
    }

    String field() {
      return field;
    }
  }
}
