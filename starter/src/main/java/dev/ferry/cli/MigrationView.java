package dev.ferry.cli;

import dev.ferry.migration.JobStats;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.migration.MigrationStats;
import dev.ferry.migration.PhaseTiming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shape of a migration for {@code --json}: the outcome fields, plus the current phase and
 * live transfer figures while it runs. Field names are a contract with scripts.
 */
public final class MigrationView {
  private MigrationView() {}

  /** The view of a running migration, with its share done estimated as the progress line does. */
  public static Map<String, Object> ofRunning(
      String workflowId, MigrationProgress progress, JobStats live) {
    int percent = progress == null ? 0 : ProgressLine.estimate(progress, live);
    return of(workflowId, progress, live, percent);
  }

  /** The view of a finished migration. */
  public static Map<String, Object> ofOutcome(String workflowId, MigrationOutcome outcome) {
    return of(workflowId, Follower.progressOf(outcome), null, 100);
  }

  static Map<String, Object> of(
      String workflowId, MigrationProgress progress, JobStats live, int percent) {
    Map<String, Object> view = new LinkedHashMap<>();
    MigrationOutcome outcome = progress == null ? null : progress.outcome();
    view.put("workflowId", workflowId);
    view.put("vm", progress == null ? null : progress.vm());
    view.put(
        "source", outcome != null ? outcome.source() : progress == null ? null : progress.source());
    view.put("destination", progress == null ? null : progress.destination());
    view.put("phase", progress == null ? null : progress.phase().name());
    view.put("outcome", outcome == null ? "" : outcome.outcome().name());
    view.put("reason", outcome == null ? "" : outcome.reason());
    view.put(
        "failureType",
        outcome == null || outcome.failureType() == null ? null : outcome.failureType().name());
    view.put("refused", outcome != null && outcome.refused());
    view.put(
        "phases",
        phases(
            outcome != null ? outcome.phases() : progress == null ? List.of() : progress.phases()));
    view.put("stats", outcome == null ? null : stats(outcome.stats()));
    view.put("compensations", outcome == null ? List.of() : outcome.compensations());
    view.put(
        "disks",
        outcome != null
            ? outcome.disks()
            : progress == null || progress.plan() == null ? List.of() : progress.plan().disks());
    view.put("percent", percent);
    if (live != null) {
      view.put("dataTotalBytes", live.dataTotalBytes());
      view.put("dataProcessedBytes", live.dataProcessedBytes());
      view.put("dataRemainingBytes", live.dataRemainingBytes());
      view.put("dirtyRateBytesPerSec", live.dirtyRateBytesPerSec());
      view.put("transferRateBytesPerSec", live.transferRateBytesPerSec());
      view.put("iteration", live.iteration());
      view.put("maxDowntimeMs", live.maxDowntimeMs());
      view.put("etaSeconds", etaSeconds(live));
    }
    return view;
  }

  static Long etaSeconds(JobStats live) {
    if (live.transferRateBytesPerSec() <= 0) {
      return null;
    }
    return live.dataRemainingBytes() / live.transferRateBytesPerSec();
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

  /** The outcome as text for people. */
  static String text(MigrationOutcome o) {
    StringBuilder text = new StringBuilder();
    text.append(o.refused() ? "REFUSED (nothing changed)" : o.outcome().name());
    text.append(": ").append(o.vm()).append(' ');
    if (o.source() != null) {
      text.append(o.source()).append(" -> ");
    }
    text.append(o.destination());
    if (!o.reason().isEmpty()) {
      text.append("\n  reason: ").append(o.reason());
    }
    for (PhaseTiming t : o.phases()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%n  %-8s %6d ms  %s",
              t.name().name().toLowerCase(Locale.ROOT),
              Math.max(0, t.endMillis() - t.startMillis()),
              t.result()));
    }
    MigrationStats s = o.stats();
    if (s != null && !s.reattached()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%n  transfer %d ms, downtime %d ms, %s sent of %s, %d iterations",
              s.totalMillis(),
              s.downtimeMillis(),
              Output.bytes(s.dataTransferredBytes()),
              Output.bytes(s.dataTotalBytes()),
              s.memoryIterations()));
    }
    for (String c : o.compensations()) {
      text.append("\n  undo: ").append(c);
    }
    return text.toString();
  }
}
