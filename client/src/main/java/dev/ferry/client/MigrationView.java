package dev.ferry.client;

import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.migration.MigrationStats;
import dev.ferry.migration.Phase;
import dev.ferry.migration.PhaseTiming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shape of a migration for {@code --json}: the outcome fields, the current phase, the
 * percentage, the transfer figures (null before a transfer reported any) and the convergence steps.
 * Field names are a contract with scripts.
 */
public final class MigrationView {
  private MigrationView() {}

  /**
   * The view of a running migration; with no answer to the {@code progress} query yet (no worker
   * has picked it up), only its id and zero percent.
   */
  public static Map<String, Object> ofRunning(
      String workflowId, MigrationProgress progress, JobStats heartbeat) {
    if (progress == null) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("workflowId", workflowId);
      view.put("phase", null);
      view.put("percent", 0);
      return view;
    }
    return of(workflowId, progress, heartbeat);
  }

  /** The view of a finished migration. */
  public static Map<String, Object> ofOutcome(String workflowId, MigrationOutcome outcome) {
    return of(workflowId, MigrationProgress.finished(outcome), null);
  }

  /**
   * The view of a migration.
   *
   * @param progress the {@code progress} query's answer, or one built from the outcome
   * @param heartbeat the perform activity's latest heartbeat, fresher than the query's figures, or
   *     null
   */
  public static Map<String, Object> of(
      String workflowId, MigrationProgress progress, JobStats heartbeat) {
    Map<String, Object> view = new LinkedHashMap<>();
    MigrationOutcome outcome = progress.outcome();
    view.put("workflowId", workflowId);
    view.put("vm", progress.vm());
    view.put("source", outcome != null ? outcome.source() : progress.source());
    view.put("destination", progress.destination());
    view.put("phase", progress.phase().name());
    view.put("outcome", outcome == null ? "" : outcome.outcome().name());
    view.put("reason", outcome == null ? "" : outcome.reason());
    view.put(
        "failureType",
        outcome == null || outcome.failureType() == null ? null : outcome.failureType().name());
    view.put("refused", outcome != null && outcome.refused());
    view.put("phases", phases(outcome != null ? outcome.phases() : progress.phases()));
    view.put("stats", outcome == null ? null : stats(outcome.stats()));
    view.put("compensations", outcome == null ? List.of() : outcome.compensations());
    view.put(
        "disks",
        outcome != null
            ? outcome.disks()
            : progress.plan() == null ? List.of() : progress.plan().disks());
    view.put("percent", percent(progress, heartbeat));
    JobStats live = sample(progress, heartbeat);
    view.put("dataTotalBytes", live == null ? null : live.dataTotalBytes());
    view.put("dataProcessedBytes", live == null ? null : live.dataProcessedBytes());
    view.put("dataRemainingBytes", live == null ? null : live.dataRemainingBytes());
    view.put("dirtyRateBytesPerSec", live == null ? null : live.dirtyRateBytesPerSec());
    view.put("transferRateBytesPerSec", live == null ? null : live.transferRateBytesPerSec());
    view.put("iteration", live == null ? null : live.iteration());
    view.put("maxDowntimeMs", live == null ? null : live.maxDowntimeMs());
    view.put("etaSeconds", live == null ? null : live.etaSeconds());
    // Time into the transfer job of the sample above, on the job's own clock (the one the steps'
    // elapsedMillis use): only a heartbeat carries it.
    view.put("jobElapsedMillis", heartbeat == null ? null : heartbeat.elapsedMillis());
    view.put("steps", outcome != null ? outcome.steps() : progress.steps());
    view.put("controls", outcome != null ? outcome.controls() : progress.controls());
    return view;
  }

  /**
   * The freshest transfer figures: the heartbeat's while the transfer runs, else the last ones the
   * workflow was told; null when there are none.
   */
  public static JobStats sample(MigrationProgress progress, JobStats heartbeat) {
    if (heartbeat != null) {
      return heartbeat;
    }
    if (progress.dataTotalBytes() == null) {
      return null;
    }
    return new JobStats(
        0,
        progress.dataTotalBytes(),
        progress.dataProcessedBytes(),
        progress.dataRemainingBytes(),
        progress.dirtyRateBytesPerSec(),
        progress.transferRateBytesPerSec(),
        progress.iteration(),
        progress.maxDowntimeMs(),
        false);
  }

  private static List<Map<String, Object>> phases(List<PhaseTiming> timings) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (PhaseTiming t : timings) {
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("name", t.name().name().toLowerCase(Locale.ROOT));
      phase.put("start", Instant.ofEpochMilli(t.startMillis()).toString());
      phase.put("end", t.endMillis() == 0 ? null : Instant.ofEpochMilli(t.endMillis()).toString());
      phase.put("result", t.result());
      list.add(phase);
    }
    return list;
  }

  private static Map<String, Object> stats(MigrationStats stats) {
    if (stats == null) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("totalMillis", stats.totalMillis());
    map.put("downtimeMillis", stats.downtimeMillis());
    map.put("dataTotalBytes", stats.dataTotalBytes());
    map.put("dataTransferredBytes", stats.dataTransferredBytes());
    map.put("memoryIterations", stats.memoryIterations());
    map.put("postcopy", stats.postcopy());
    map.put("reattached", stats.reattached());
    return map;
  }

  /**
   * How far the migration is, in percent: the workflow's own count, and within the transfer the
   * job's figures (the transfer spans 10..90 of the whole, as in the workflow's count).
   */
  public static int percent(MigrationProgress progress, JobStats live) {
    if (live != null && progress.phase() == Phase.PERFORM) {
      return Math.max(progress.percent(), 10 + live.percent() * 80 / 100);
    }
    return progress.percent();
  }
}
