package uk.ccmt.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.system.Groups;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.NumberedIds;
import uk.ccmt.system.TextInput;

/**
 * Participants' queries: raised by an organisation's user (over the API, or from Tasklist's "Start
 * process"), answered by the release managers in their participantQuery process, read by the
 * organisation that raised them and by the programme's staff, and published without the
 * organisation's name when the programme marks them of general interest.
 */
@Service
public class Queries {

  static final String PROCESS_KEY = "participantQuery";

  static final int MAX_SUBJECT = 200;
  static final int MAX_TEXT = 10_000;
  static final int MAX_RELATES_TO = 200;

  /** What the release managers may do with a query on answerQuery. */
  static final List<String> ROUTES = List.of("answer", "development", "programme");

  private static final Set<String> FIELDS = Set.of("subject", "text", "relatesTo");

  private final QueryRepository queries;
  private final RuntimeService runtime;
  private final QueryProperties properties;
  private final QueryMailing mailing;
  private final Clock clock;

  Queries(
      QueryRepository queries,
      RuntimeService runtime,
      QueryProperties properties,
      QueryMailing mailing,
      Clock clock) {
    this.queries = queries;
    this.runtime = runtime;
    this.properties = properties;
    this.mailing = mailing;
    this.clock = clock;
  }

  /** What an organisation asks: checked before anything is written. */
  record NewQuery(String subject, String text, String relatesTo) {

    static NewQuery checked(Object subject, Object text, Object relatesTo) {
      return new NewQuery(
          TextInput.line(textOrNull(subject, "subject"), "subject", MAX_SUBJECT),
          TextInput.text(textOrNull(text, "text"), "text", MAX_TEXT),
          Optional.ofNullable(textOrNull(relatesTo, "relatesTo"))
              .filter(value -> !value.isBlank())
              .map(value -> TextInput.line(value, "relatesTo", MAX_RELATES_TO))
              .orElse(null));
    }

    /** A request body: an object of exactly these fields, each text (relatesTo may be left out). */
    static NewQuery of(JsonNode body) {
      if (body == null || !body.isObject()) {
        throw new InvalidInputException("body", "must be a JSON object with subject and text");
      }
      for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!FIELDS.contains(name)) {
          throw new InvalidInputException(
              name, "is not a field of a query: give subject, text and relatesTo");
        }
      }
      return checked(value(body, "subject"), value(body, "text"), value(body, "relatesTo"));
    }

    private static Object value(JsonNode body, String field) {
      JsonNode node = body.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isTextual()) {
        throw new InvalidInputException(field, "must be text");
      }
      return node.asText();
    }

    private static String textOrNull(Object value, String field) {
      if (value == null || value instanceof String) {
        return (String) value;
      }
      throw new InvalidInputException(field, "must be text");
    }
  }

  /**
   * POST /api/queries: the caller's organisation (from its group, never from the body) raises the
   * query, and its participantQuery starts in the same transaction.
   */
  @Transactional
  public String raise(JsonNode body, Authentication caller) {
    String organisation =
        Groups.organisationsIn(Groups.of(caller)).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new AccessDeniedException(
                        "Queries are raised by an organisation's user (participant-<CODE>)"));
    NewQuery query = NewQuery.of(body);
    long number = insert(organisation, query, caller.getName());
    String id = Query.PREFIX + number;
    Map<String, Object> variables = new HashMap<>();
    variables.put(QueryVariables.QUERY_ID, id);
    // the tenant of the organisation's instance (participant/OrganisationTenants)
    variables.put(QueryVariables.PARTICIPANT_CODE, organisation);
    runtime.startProcessInstanceByKey(PROCESS_KEY, id, variables);
    return id;
  }

  private long insert(String organisation, NewQuery query, String raisedBy) {
    Instant now = clock.instant();
    return queries.insert(
        organisation,
        query.subject(),
        query.text(),
        query.relatesTo(),
        raisedBy,
        now,
        workingDaysAfter(now, properties.answerWithin()));
  }

  /**
   * The first step of participantQuery, in the transaction that starts it: a query raised over the
   * API is tied to its instance; one raised from Tasklist's start form (subject, text, relatesTo)
   * is checked and stored. The organisation is the instance's tenant, which the engine gave it from
   * the user who started it.
   */
  @Transactional
  public Query register(
      String organisation, Map<String, Object> started, String user, String processInstanceId) {
    if (organisation == null) {
      throw new InvalidInputException(
          QueryVariables.PARTICIPANT_CODE,
          "a query is raised by an organisation's user: log in as one to raise it");
    }
    long number;
    Object given = started.get(QueryVariables.QUERY_ID);
    if (given != null) {
      number =
          NumberedIds.number(Query.PREFIX, given instanceof String id ? id : null)
              .orElseThrow(() -> notYours(given));
      if (!queries.link(number, organisation, processInstanceId)) {
        throw notYours(given);
      }
    } else {
      NewQuery query =
          NewQuery.checked(started.get("subject"), started.get("text"), started.get("relatesTo"));
      number = insert(organisation, query, user);
      queries.link(number, organisation, processInstanceId);
    }
    return queries.find(number).orElseThrow();
  }

  private static InvalidInputException notYours(Object given) {
    return new InvalidInputException(
        QueryVariables.QUERY_ID, "'" + given + "' is no query of yours waiting to be raised");
  }

  /** When the release managers are reminded: remind-before ahead of the target, not before now. */
  Instant reminderAt(Query query) {
    Instant reminder = workingDaysBefore(query.targetAt(), properties.remindBefore());
    return reminder.isBefore(query.raisedAt()) ? query.raisedAt() : reminder;
  }

  /** The group that answers for a route other than "answer". */
  String contributorGroup(String route) {
    return "development".equals(route) ? Groups.DEVELOPMENT_TEAM : properties.programmeGroup();
  }

  /**
   * answerQuery's answer: stored, and its email to the organisation's contacts queued for the next
   * step. A query answered already keeps its first answer and queues nothing more.
   */
  @Transactional
  public void answer(String id, String answer, boolean publish, String user) {
    long number = number(id);
    if (queries.answer(number, answer, publish, user, clock.instant())) {
      mailing.queueAnswer(queries.find(number).orElseThrow());
    }
  }

  @Transactional
  public void passOn(String id, String route) {
    queries.route(number(id), route);
  }

  @Transactional
  public void contribute(String id, String route, String text, String user) {
    queries.contribute(number(id), route, text, user, clock.instant());
  }

  public void deliverAnswer(String id) {
    mailing.deliverAnswer(id);
  }

  public void remind(String id) {
    Query query = find(id);
    mailing.remind(query);
    queries.reminded(number(id), clock.instant());
  }

  public void escalate(String id) {
    Query query = find(id);
    mailing.escalate(query);
    queries.escalated(number(id), clock.instant());
  }

  public Query find(String id) {
    return queries.find(number(id)).orElseThrow(() -> new NotFoundException("Query", id));
  }

  public List<Query.Contribution> contributions(String id) {
    return queries.contributions(number(id));
  }

  /** GET /api/queries: the staff read every query, an organisation's user its own only. */
  List<Query> list(Authentication caller) {
    return queries.list(organisationsOf(caller).orElse(null));
  }

  /** GET /api/queries/{id}: another organisation's query is not found, as one that is not. */
  Query get(String id, Authentication caller) {
    Query query =
        NumberedIds.number(Query.PREFIX, id).stream()
            .boxed()
            .findFirst()
            .flatMap(queries::find)
            .orElseThrow(() -> new NotFoundException("Query", id));
    Optional<List<String>> organisations = organisationsOf(caller);
    if (organisations.isPresent() && !organisations.get().contains(query.participantCode())) {
      throw new NotFoundException("Query", id);
    }
    return query;
  }

  /** The published questions and answers, newest answer first, for the public page. */
  public List<Query.Published> published() {
    return queries.published(50);
  }

  /** raised, answered, published. */
  long[] figures(String participantCode) {
    return queries.figures(participantCode);
  }

  private static Optional<List<String>> organisationsOf(Authentication caller) {
    List<String> groups = Groups.of(caller);
    if (groups.stream().anyMatch(Groups.STAFF::contains)) {
      return Optional.empty();
    }
    return Optional.of(Groups.organisationsIn(groups));
  }

  private static long number(String id) {
    return NumberedIds.number(Query.PREFIX, id)
        .orElseThrow(() -> new NotFoundException("Query", id));
  }

  /**
   * The moment {@code within} after {@code from}, its whole days counted as working days (Monday to
   * Friday, in the calendar zone) and the rest added as it is.
   */
  Instant workingDaysAfter(Instant from, Duration within) {
    ZonedDateTime moment = from.atZone(clock.getZone());
    for (long day = 0; day < within.toDays(); day++) {
      moment = moment.plusDays(1);
      while (weekend(moment)) {
        moment = moment.plusDays(1);
      }
    }
    return moment.toInstant().plus(within.minusDays(within.toDays()));
  }

  private Instant workingDaysBefore(Instant to, Duration before) {
    ZonedDateTime moment = to.atZone(clock.getZone());
    for (long day = 0; day < before.toDays(); day++) {
      moment = moment.minusDays(1);
      while (weekend(moment)) {
        moment = moment.minusDays(1);
      }
    }
    return moment.toInstant().minus(before.minusDays(before.toDays()));
  }

  private static boolean weekend(ZonedDateTime moment) {
    return moment.getDayOfWeek() == DayOfWeek.SATURDAY || moment.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
