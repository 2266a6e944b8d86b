package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the {@code progress} query answers, and the workflow's result once {@code DONE}.
 *
 * @param batchId the evacuation's id
 * @param phase where it stands
 * @param hosts the hosts being drained
 * @param counts guests per state
 * @param vms every guest's report
 * @param bytesTotal memory and copied disks of every guest
 * @param bytesMoved of guests that arrived
 * @param bytesTransferred what migrations sent, resends included
 * @param etaSeconds seconds until the rest is moved at the rate so far, or null before any moved
 * @param startedAt when it started
 * @param deadline when it must end, or null
 * @param stopReason why no more migrations start, or empty
 * @param run the workflow run (it continues as new to keep its history small)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvacuationProgress(
    String batchId,
    EvacuationPhase phase,
    List<String> hosts,
    Map<VmState, Integer> counts,
    List<VmReport> vms,
    long bytesTotal,
    long bytesMoved,
    long bytesTransferred,
    Long etaSeconds,
    Instant startedAt,
    Instant deadline,
    String stopReason,
    int run) {
  public EvacuationProgress {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    counts = counts == null ? Map.of() : Map.copyOf(counts);
    vms = vms == null ? List.of() : List.copyOf(vms);
    stopReason = stopReason == null ? "" : stopReason;
  }

  /** Guests in this state. */
  public int count(VmState state) {
    return counts.getOrDefault(state, 0);
  }

  /** Whether every guest arrived. */
  public boolean complete() {
    return phase == EvacuationPhase.DONE
        && vms.stream().allMatch(v -> v.state() == VmState.MIGRATED);
  }
}
