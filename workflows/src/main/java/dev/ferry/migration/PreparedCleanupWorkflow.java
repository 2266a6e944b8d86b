package dev.ferry.migration;

import dev.ferry.plan.MigrationPlan;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Removes what a rolled-back migration's prepare left on a destination that stopped answering: the
 * pre-created images and the memory reserved there. It waits for that host as long as it takes
 * (days), so the migration itself can end: its guest never left the source.
 */
@WorkflowInterface
public interface PreparedCleanupWorkflow {

  /**
   * Workflow id of the pending cleanup of a guest on a destination: {@code cleanup-VM-DESTINATION}.
   * One per guest and host, so that a later migration of the guest to that host finds it by name
   * and settles it before its own prepare creates anything there.
   */
  static String idFor(String vm, String destination) {
    return "cleanup-" + vm + "-" + destination;
  }

  /**
   * Workflow id of the cleanup of one migration run, as migrations started before cleanups had one
   * id per guest and host named it: {@code cleanup-VM-DESTINATION-STARTED}, the run's start in UTC
   * ({@code 20261201T093107Z}). Built from the run's input and start time only, which replay
   * reproduces exactly (a replayer stands in its own workflow and run ids).
   */
  static String legacyIdFor(String vm, String destination, long runStartedMillis) {
    return "cleanup-"
        + vm
        + "-"
        + destination
        + "-"
        + STARTED.format(Instant.ofEpochMilli(runStartedMillis));
  }

  DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @WorkflowMethod
  void clean(MigrationPlan plan);
}
