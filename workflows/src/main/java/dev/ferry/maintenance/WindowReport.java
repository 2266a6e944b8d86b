package dev.ferry.maintenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.evacuation.EvacuationProgress;
import java.time.Instant;
import java.util.List;

/**
 * A window's state (its {@code status} query) and, once closed, its result.
 *
 * @param name the window
 * @param phase where it stands
 * @param hosts its hosts
 * @param start when it opens
 * @param end when it closes
 * @param openedAt when it actually opened, or null
 * @param evacuationId the evacuation's workflow id, once started
 * @param evacuation the evacuation's report once it ended, or null
 * @param note why it was cancelled, or empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowReport(
    String name,
    WindowPhase phase,
    List<String> hosts,
    Instant start,
    Instant end,
    Instant openedAt,
    String evacuationId,
    EvacuationProgress evacuation,
    String note) {
  public WindowReport {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    note = note == null ? "" : note;
  }
}
