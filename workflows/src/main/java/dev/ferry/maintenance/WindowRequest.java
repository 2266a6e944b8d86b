package dev.ferry.maintenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.options.MigrationOptions;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A maintenance window: at its start the hosts enter maintenance and are evacuated; no migration
 * starts that would not finish by its end; at the end those in flight finish or abort.
 *
 * @param name the window's name; its workflow id is {@code window-<name>}
 * @param hosts the hosts to put in maintenance and drain
 * @param start when it opens, or null for "when the workflow starts" (each run of a schedule)
 * @param end when it closes, or null for {@code start + length}
 * @param length how long it stays open when {@code end} is not given (recurring windows)
 * @param onEnd what happens at the end to migrations in flight (default finish)
 * @param destinations the only destinations allowed, or empty for any
 * @param limits the evacuation's limits
 * @param options how each guest migrates
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowRequest(
    String name,
    List<String> hosts,
    Instant start,
    Instant end,
    Duration length,
    EndPolicy onEnd,
    List<String> destinations,
    EvacuationLimits limits,
    MigrationOptions options) {
  public WindowRequest {
    InputValidator.requireName("name", "window name", name);
    if (hosts == null || hosts.isEmpty()) {
      throw new InvalidInputException("hosts", "name at least one host for the window");
    }
    hosts.forEach(h -> InputValidator.requireName("hosts", "host name", h));
    hosts = List.copyOf(hosts);
    destinations = destinations == null ? List.of() : List.copyOf(destinations);
    if (end == null && (length == null || length.isNegative() || length.isZero())) {
      throw new InvalidInputException("end", "a window needs an end (or a positive length)");
    }
    if (start != null && end != null && !end.isAfter(start)) {
      throw new InvalidInputException(
          "end", "the window ends (" + end + ") before or when it starts (" + start + ")");
    }
    onEnd = onEnd == null ? EndPolicy.FINISH : onEnd;
    limits = limits == null ? EvacuationLimits.defaults() : limits;
    options = options == null ? MigrationOptions.defaults() : options;
  }

  public static String workflowIdFor(String name) {
    return "window-" + name;
  }
}
