package uk.ccmt.inforequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.ccmt.participant.Participant;
import uk.ccmt.participant.ParticipantService;
import uk.ccmt.system.DueDates;
import uk.ccmt.system.InvalidInputException;
import uk.ccmt.system.NotFoundException;
import uk.ccmt.system.NumberedIds;
import uk.ccmt.system.ReadableDates;

/**
 * Information request campaigns (PRODUCT.md §5): who is asked for what by when, what they answered,
 * and the reminders and escalations around it. The processes call this; the answers live in tables.
 *
 * <p>Why one class of over 300 lines: a campaign and its requests share one row lock (the
 * campaign's), under which the last answer is recognised exactly once; keeping every step that
 * takes that lock in one class keeps the locking order in one place. A split along the campaign's
 * steps is the next cut.
 */
@Service
class InformationRequestService {

  static final String CAMPAIGN_PROCESS = "informationRequestCampaign";
  static final String REQUEST_PROCESS = "informationRequest";
  static final String ALL_ANSWERED_MESSAGE = "InformationRequestsAnswered";

  private final InformationRequestRepository requests;
  private final ParticipantService participants;
  private final InformationValidator validator;
  private final InformationRequestMailing mailing;
  private final InformationRequestProperties properties;
  private final Clock clock;
  private final ReadableDates dates;
  private final RuntimeService runtime;

  InformationRequestService(
      InformationRequestRepository requests,
      ParticipantService participants,
      InformationValidator validator,
      InformationRequestMailing mailing,
      InformationRequestProperties properties,
      Clock clock,
      ReadableDates dates,
      RuntimeService runtime) {
    this.requests = requests;
    this.participants = participants;
    this.validator = validator;
    this.mailing = mailing;
    this.properties = properties;
    this.clock = clock;
    this.dates = dates;
    this.runtime = runtime;
  }

  /**
   * Checks the whole request, records one request per organisation and type, and starts the
   * campaign, which opens them step by step. Nothing is written when anything is refused.
   */
  @Transactional
  public String start(NewCampaign request, String startedBy) {
    List<RequestType> types = types(request.types());
    List<String> organisations = participants.organisationsToAsk(request.participants());
    Instant dueAt = dueAt(request.dueDate());
    long number = requests.insertCampaign(types, dueAt, startedBy, clock.instant());
    requests.insertRequests(number, organisations, types, dueAt);
    String campaignId = InformationCampaign.id(number);
    runtime.startProcessInstanceByKey(CAMPAIGN_PROCESS, campaignId);
    return campaignId;
  }

  /**
   * Into how many groups the campaign's organisations fall, at most organisationsPerStep each: one
   * opening step per group, the steps side by side.
   */
  public int groupsToOpen(String campaignId) {
    int organisations = requests.organisationCount(campaign(campaignId).number());
    int perStep = properties.organisationsPerStep();
    return Math.max(1, (organisations + perStep - 1) / perStep);
  }

  /**
   * Opens the requests of one group of organisations: one informationRequest process each, and one
   * email per organisation saying what is asked. A request already open (a retried step) is left
   * alone, so a step run twice opens nothing twice.
   *
   * @param group 0 to groups - 1
   * @param groups how many groups the campaign was split into when its steps started
   */
  @Transactional
  public void openGroup(String campaignId, int group, int groups) {
    InformationCampaign campaign = campaign(campaignId);
    for (String code : organisationsOf(campaign, group, groups)) {
      Participant participant = participants.get(code);
      List<InformationRequest> opened = requests.unopened(campaign.number(), code);
      for (InformationRequest request : opened) {
        String processInstanceId =
            runtime
                .startProcessInstanceByKey(
                    REQUEST_PROCESS, request.businessKey(), processVariables(request))
                .getId();
        requests.markOpened(request.id(), processInstanceId, clock.instant());
      }
      mailing.queueInvitation(
          campaign, participant, opened.stream().map(InformationRequest::type).toList());
    }
  }

  /**
   * Sends the group's invitations still pending, and no other group's: groups email side by side.
   * Throws while any contact could not be reached.
   */
  public void emailGroup(String campaignId, int group, int groups) {
    InformationCampaign campaign = campaign(campaignId);
    mailing.deliverInvitations(campaign, organisationsOf(campaign, group, groups));
  }

  /**
   * The organisations of one group, in code order: consecutive blocks of the campaign's sorted
   * organisations, as even as the count allows, so that the groups cover each organisation once.
   */
  private List<String> organisationsOf(InformationCampaign campaign, int group, int groups) {
    if (groups < 1 || group < 0 || group >= groups) {
      throw new IllegalArgumentException("group " + group + " of " + groups);
    }
    int organisations = requests.organisationCount(campaign.number());
    int size = (organisations + groups - 1) / groups;
    return requests.organisations(campaign.number(), group * size, size);
  }

  /**
   * Whether every request of the campaign is answered. Holds the campaign's row lock, as recording
   * an answer does, so the campaign either sees the last answer or is waiting when it arrives.
   */
  @Transactional
  public boolean allAnswered(String campaignId) {
    long campaign = number(campaignId);
    requests.lockCampaign(campaign);
    return !requests.anyOutstanding(campaign);
  }

  /**
   * Checks the fields of the request's type, read from the submitted values, and records them. An
   * invalid value is refused with an InvalidInputException naming the field, so the task stays
   * open. The last answer of a campaign tells the campaign.
   */
  @Transactional
  public void record(String businessKey, Function<String, Object> submitted, String answeredBy) {
    InformationRequest request = requestOf(businessKey);
    Map<String, Object> given = new LinkedHashMap<>();
    request.type().fields().forEach(field -> given.put(field.key(), submitted.apply(field.key())));
    Map<String, Object> values = validator.validate(request.type(), given);
    if (!requests.markReceived(request.id(), answeredBy, clock.instant())) {
      return;
    }
    requests.saveResponse(request.id(), asText(values));
    if (request.type() == RequestType.CONTACT_DETAILS) {
      // Issue 16: the organisation's own answer is its contact list from now on.
      participants.contactDetailsAnswered(
          request.participantCode(),
          String.valueOf(values.get(RequestType.Field.CONTACT_EMAIL.key())),
          request.campaignId(),
          answeredBy);
    }
    requests.lockCampaign(request.campaignNumber());
    if (!requests.anyOutstanding(request.campaignNumber())) {
      runtime
          .createMessageCorrelation(ALL_ANSWERED_MESSAGE)
          .processInstanceBusinessKey(request.campaignId())
          .correlateAllWithResult();
    }
  }

  /**
   * Reminds the organisation's contacts of a request still open. A request opened inside the
   * reminder window gets none: its own email told them the due date moments ago.
   */
  public boolean remind(String businessKey) {
    InformationRequest request = requestOf(businessKey);
    long requestId = request.id();
    Instant reminderAt = request.dueAt().minus(properties.reminderBefore());
    if (request.received()
        || (request.openedAt() != null && !request.openedAt().isBefore(reminderAt))) {
      return false;
    }
    mailing.sendReminder(request, participants.get(request.participantCode()));
    requests.markReminded(requestId, clock.instant());
    return true;
  }

  /** Tells the release managers that a request is overdue; they chase it in Tasklist. */
  public void escalate(String businessKey) {
    InformationRequest request = requestOf(businessKey);
    InformationCampaign campaign = campaign(request.campaignId());
    Map<String, List<RequestType>> outstanding = new LinkedHashMap<>();
    requests.requestsOf(campaign.number(), null).stream()
        .filter(row -> !row.received())
        .forEach(
            row ->
                outstanding
                    .computeIfAbsent(row.participantCode(), code -> new ArrayList<>())
                    .add(row.type()));
    Map<String, String> names =
        participants.list().stream()
            .collect(Collectors.toMap(Participant::code, Participant::name));
    mailing.sendOverdueNotice(campaign, outstanding, names);
    requests.markEscalated(request.id(), clock.instant());
  }

  /** What a request asks, for its task in Tasklist. */
  public RequestSummary summary(String businessKey) {
    InformationRequest request = requestOf(businessKey);
    Participant participant = participants.get(request.participantCode());
    return new RequestSummary(
        request.campaignId(),
        participant.code(),
        participant.name(),
        request.type(),
        request.dueAt(),
        dates.describe(request.dueAt()));
  }

  /**
   * The state of each organisation and type, and what was received. Release managers see every
   * organisation; anyone else only the organisations given, and a campaign that asks none of them
   * is not found.
   */
  public CampaignStatus status(String campaignId, Viewer viewer) {
    InformationCampaign campaign = campaign(campaignId);
    List<String> only = viewer.seesEveryOrganisation() ? null : viewer.organisations();
    List<InformationRequest> rows = requests.requestsOf(campaign.number(), only);
    if (rows.isEmpty() && only != null) {
      throw new NotFoundException("Information request campaign", campaignId);
    }
    Map<Long, Map<String, String>> responses = requests.responsesOf(campaign.number(), only);
    Map<String, String> names =
        participants.list().stream()
            .collect(Collectors.toMap(Participant::code, Participant::name));
    Instant now = clock.instant();
    Map<String, List<RequestStatus>> byOrganisation = new LinkedHashMap<>();
    for (InformationRequest row : rows) {
      byOrganisation
          .computeIfAbsent(row.participantCode(), code -> new ArrayList<>())
          .add(
              new RequestStatus(
                  row.type(),
                  row.state(now),
                  row.remindedAt(),
                  row.escalatedAt(),
                  row.answeredAt(),
                  row.answeredBy(),
                  responses.getOrDefault(row.id(), Map.of())));
    }
    List<OrganisationStatus> organisations =
        byOrganisation.entrySet().stream()
            .map(
                entry ->
                    new OrganisationStatus(
                        entry.getKey(), names.get(entry.getKey()), entry.getValue()))
            .toList();
    Map<RequestState, Long> counts =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    row -> row.state(now),
                    () -> new java.util.EnumMap<>(RequestState.class),
                    Collectors.counting()));
    return new CampaignStatus(
        campaign.id(),
        campaign.types(),
        campaign.dueAt(),
        campaign.createdAt(),
        campaign.startedBy(),
        rows.size(),
        counts.getOrDefault(RequestState.OUTSTANDING, 0L),
        counts.getOrDefault(RequestState.RECEIVED, 0L),
        counts.getOrDefault(RequestState.OVERDUE, 0L),
        organisations);
  }

  /**
   * The only variable of an informationRequest instance: the organisation, for the candidate group
   * of its task. Its form and deadlines come from the request by business key (InformationRequest
   * Model); the task's name, due date and form fields from the task listener.
   */
  private static Map<String, Object> processVariables(InformationRequest request) {
    return Map.of(InformationRequestVariables.PARTICIPANT_CODE, request.participantCode());
  }

  /** When the request is due, for its overdue timer. */
  Instant dueAtOf(String businessKey) {
    return requestOf(businessKey).dueAt();
  }

  /** When its organisation is reminded, for its reminder timer. */
  Instant reminderAtOf(String businessKey) {
    return requestOf(businessKey).dueAt().minus(properties.reminderBefore());
  }

  /** The type of a request, from its business key (IR-3/NLE/SFTP_INFORMATION) alone. */
  static RequestType typeOf(String businessKey) {
    String[] parts = businessKey == null ? new String[0] : businessKey.split("/");
    if (parts.length == 3) {
      try {
        return RequestType.valueOf(parts[2]);
      } catch (IllegalArgumentException e) {
        // not one of ours: not found below
      }
    }
    throw new NotFoundException("Information request", businessKey);
  }

  private List<RequestType> types(List<String> given) {
    if (given == null || given.isEmpty()) {
      throw new InvalidInputException(
          "types", "needs at least one of " + List.of(RequestType.values()));
    }
    Set<RequestType> types = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String value = given.get(i) == null ? "" : given.get(i).strip().toUpperCase(Locale.ROOT);
      try {
        types.add(RequestType.valueOf(value));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "types[" + i + "]",
            "'"
                + given.get(i)
                + "' is not a request type; one of "
                + List.of(RequestType.values()));
      }
    }
    return List.copyOf(types);
  }

  /**
   * A day means that day at the configured time in the calendar zone; a date-time is taken as
   * given.
   */
  private Instant dueAt(String given) {
    return DueDates.parse(given, properties.dueTime(), clock, dates);
  }

  private InformationCampaign campaign(String campaignId) {
    return requests
        .findCampaign(number(campaignId))
        .orElseThrow(() -> new NotFoundException("Information request campaign", campaignId));
  }

  /**
   * The request a process answers, by its business key (IR-3/NLE/SFTP_INFORMATION): never from a
   * process variable, which the organisation's user may overwrite through the engine REST API.
   */
  private InformationRequest requestOf(String businessKey) {
    String[] parts = businessKey == null ? new String[0] : businessKey.split("/");
    if (parts.length == 3) {
      try {
        Optional<InformationRequest> request =
            requests.find(number(parts[0]), parts[1], RequestType.valueOf(parts[2]));
        if (request.isPresent()) {
          return request.get();
        }
      } catch (IllegalArgumentException e) {
        // not one of ours: not found below
      }
    }
    throw new NotFoundException("Information request", businessKey);
  }

  private static long number(String campaignId) {
    return NumberedIds.number(InformationCampaign.PREFIX, campaignId)
        .orElseThrow(() -> new NotFoundException("Information request campaign", campaignId));
  }

  /** Lists are stored one entry per line, as a reader copies them into firewall rules or RQM. */
  private static Map<String, String> asText(Map<String, Object> values) {
    Map<String, String> text = new LinkedHashMap<>();
    values.forEach(
        (field, value) ->
            text.put(
                field,
                value instanceof Collection<?> items
                    ? items.stream().map(String::valueOf).collect(Collectors.joining("\n"))
                    : String.valueOf(value)));
    return text;
  }

  /** POST /api/information-requests. */
  record NewCampaign(List<String> types, List<String> participants, String dueDate) {}

  /** Who reads a campaign: release managers see every organisation, others only their own. */
  record Viewer(boolean seesEveryOrganisation, List<String> organisations) {}

  record RequestSummary(
      String campaignId,
      String participantCode,
      String participantName,
      RequestType type,
      Instant dueAt,
      String dueText) {}

  record CampaignStatus(
      String id,
      List<RequestType> types,
      Instant dueDate,
      Instant startedAt,
      String startedBy,
      int requests,
      long outstanding,
      long received,
      long overdue,
      List<OrganisationStatus> participants) {}

  record OrganisationStatus(String code, String name, List<RequestStatus> requests) {}

  record RequestStatus(
      RequestType type,
      RequestState state,
      Instant remindedAt,
      Instant escalatedAt,
      Instant answeredAt,
      String answeredBy,
      Map<String, String> values) {}
}
