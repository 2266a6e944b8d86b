package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What one evacuation run hands to the next when it continues as new. Runs hand over only between
 * migrations (none in flight), so this is the whole state.
 *
 * @param pending guests still to move, in order
 * @param reports every guest's report so far
 * @param startedAtMillis when the first run started
 * @param paused the evacuation is paused
 * @param pausedAtMillis since when, if paused
 * @param stopReason why no more migrations start, or null
 * @param runs runs so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvacuationCarry(
    List<GuestView> pending,
    List<VmReport> reports,
    long startedAtMillis,
    boolean paused,
    Long pausedAtMillis,
    String stopReason,
    int runs) {
  public EvacuationCarry {
    pending = List.copyOf(pending);
    reports = List.copyOf(reports);
  }
}
