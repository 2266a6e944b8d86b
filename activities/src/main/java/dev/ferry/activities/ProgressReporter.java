package dev.ferry.activities;

import dev.ferry.convergence.JobStats;
import dev.ferry.convergence.StepTaken;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.migration.TransferProgress;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.WorkflowTargetOptions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the workflow how its transfer goes, so that its {@code progress} query (and the Temporal
 * UI) show live figures. Every report is a signal in the workflow's history, so reports are spaced:
 * every 2 s at first, then one fiftieth of the time elapsed, at most 30 s apart; a step taken is
 * reported at once. Reports are best effort: a failed one is dropped and the next one follows.
 */
final class ProgressReporter {
  private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
  private static final long MIN_INTERVAL_MILLIS = 2_000;
  private static final long MAX_INTERVAL_MILLIS = 30_000;

  private final ActivityExecutionContext context;
  private final long startNanos = System.nanoTime();
  private long lastReportNanos;
  private JobStats lastReported;
  private int dropped;

  ProgressReporter(ActivityExecutionContext context) {
    this.context = context;
  }

  /** Reports the sample if it is due, or at once when {@code stepTaken}. */
  void report(JobStats stats, List<StepTaken> steps, boolean stepTaken) {
    if (stats == null || stats.equals(lastReported)) {
      return;
    }
    long now = System.nanoTime();
    long sinceStartMillis = (now - startNanos) / 1_000_000;
    long interval =
        Math.min(MAX_INTERVAL_MILLIS, Math.max(MIN_INTERVAL_MILLIS, sinceStartMillis / 50));
    boolean due = lastReported == null || (now - lastReportNanos) / 1_000_000 >= interval;
    if (!due && !stepTaken) {
      return;
    }
    lastReported = stats;
    lastReportNanos = now;
    ActivityInfo info = context.getInfo();
    try {
      context
          .getWorkflowClient()
          .newUntypedWorkflowStub(
              WorkflowTargetOptions.newBuilder()
                  .setWorkflowId(info.getWorkflowId())
                  .setRunId(info.getWorkflowRunId())
                  .build())
          .signal(MigrationWorkflow.TRANSFER_PROGRESS, new TransferProgress(stats, steps));
    } catch (RuntimeException e) {
      if (dropped++ == 0) {
        log.warn(
            "progress report for {} dropped (later drops are not logged): {}",
            info.getWorkflowId(),
            e.toString());
      }
    }
  }
}
