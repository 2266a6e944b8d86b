package dev.ferry.client;

import java.util.List;

/**
 * A VM's latest migration workflow as the Temporal service reports it, for {@code ferry doctor}.
 * Plan fields are null before the capability check has produced a plan.
 *
 * @param workflowId the workflow
 * @param status running, completed, failed, terminated, ...
 * @param phase the phase the workflow last reported, or null when no worker answered
 * @param source the source host, if known
 * @param destination the destination host
 * @param destinationName the guest's name on the destination
 * @param migrationId the id ferry stamps into the guest's metadata
 * @param vmUuid the guest's UUID as the capability check resolved it
 * @param outcome MIGRATED, ROLLED_BACK or NEEDS_ATTENTION once finished
 * @param reason the outcome's reason
 * @param pending activities the service is waiting on, with their retry state
 */
public record MigrationFacts(
    String workflowId,
    String status,
    String phase,
    String source,
    String destination,
    String destinationName,
    String migrationId,
    String vmUuid,
    String outcome,
    String reason,
    List<PendingStep> pending) {

  /**
   * An activity still scheduled or running.
   *
   * @param activity its type, for example MigrationPerform
   * @param attempt the attempt number (above 1 after a worker death or a retried failure)
   * @param lastFailure the previous attempt's failure, or null
   * @param secondsSinceHeartbeat since its last heartbeat, or -1 if it never sent one
   */
  public record PendingStep(
      String activity, int attempt, String lastFailure, long secondsSinceHeartbeat) {}

  boolean running() {
    return "running".equals(status);
  }
}
