package dev.ferry.client;

import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.maintenance.WindowRequest;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A maintenance window as {@code ferry window create} and the HTTP API describe it, read and
 * checked into the workflow's input before anything is created.
 *
 * @param request the one-off window, or the template every occurrence of a recurring one opens
 * @param every the cron expression of a recurring window, or null
 * @param firstStart when a recurring window's schedule begins
 */
public record WindowPlan(WindowRequest request, String every, Instant firstStart) {
  /** What a cron expression is made of: fields of digits, names, {@code * / , - ? # L W}. */
  private static final Pattern CRON = Pattern.compile("@?[A-Za-z0-9*/,?#\\- ]{1,100}");

  /**
   * Reads a window. Times are ISO-8601 or delays from {@code now} ({@code +2h}).
   *
   * @param optionPrefix what precedes a field's name where the caller took it: {@code "--"} for
   *     options, {@code ""} for API fields; refusals name it so
   * @param name the window's name, or null to make one
   * @param every a cron expression for a recurring window, or null for a one-off one
   * @throws InvalidInputException naming the field of the first value refused
   */
  public static WindowPlan of(
      String optionPrefix,
      String name,
      List<String> hosts,
      String start,
      String end,
      String every,
      EndPolicy onEnd,
      List<String> to,
      EvacuationLimits limits,
      Instant now) {
    if (hosts == null || hosts.isEmpty()) {
      throw new InvalidInputException("hosts", "name at least one host for the window");
    }
    Names.requireEach("hosts", "host name", hosts);
    Names.requireEach("to", "host name", to);
    List<String> destinations = to == null ? List.of() : List.copyOf(to);
    Instant opens = TimeArgument.parse(optionPrefix + "start", required("start", start), now);
    Instant closes = TimeArgument.future(optionPrefix + "end", required("end", end), now);
    if (!closes.isAfter(opens)) {
      throw new InvalidInputException(
          "end",
          optionPrefix
              + "end "
              + InputValidator.shown(end)
              + " is not after "
              + optionPrefix
              + "start "
              + InputValidator.shown(start));
    }
    if (every != null && !CRON.matcher(every).matches()) {
      throw new InvalidInputException(
          "every",
          "cron expression "
              + InputValidator.shown(every)
              + " is not valid: use the five cron fields, such as '0 2 * * 6'");
    }
    String windowName = name != null ? name : "w-" + hosts.get(0) + "-" + opens.getEpochSecond();
    WindowRequest request =
        every == null
            ? new WindowRequest(
                windowName, hosts, opens, closes, null, onEnd, destinations, limits, null)
            : new WindowRequest(
                windowName,
                hosts,
                null,
                null,
                Duration.between(opens, closes),
                onEnd,
                destinations,
                limits,
                null);
    return new WindowPlan(request, every, opens);
  }

  /** The workflow (or schedule) id of the window. */
  public String id() {
    return WindowRequest.workflowIdFor(request.name());
  }

  /**
   * Refuses hosts the inventory lacks, under {@code hosts} and {@code to}.
   *
   * @throws RefusedException of kind {@code NOT_FOUND}
   */
  public void check(Optional<KnownHosts> inventory) {
    inventory.ifPresent(
        known -> {
          request.hosts().forEach(h -> known.require("hosts", h));
          request.destinations().forEach(h -> known.require("to", h));
        });
  }

  /**
   * Creates the window: a workflow waiting for its start, or a schedule.
   *
   * @return its id
   * @throws RefusedException {@code CONFLICT} for a name in use, {@code INVALID} for a recurring
   *     window on a server without Schedules
   */
  public String create(WorkflowClient client) {
    return every == null
        ? WindowScheduler.oneOff(client, request)
        : WindowScheduler.recurring(client, request, every, firstStart);
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "the window needs a " + field + " time");
    }
    return value;
  }
}
