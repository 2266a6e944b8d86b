package dev.ferry.policy;

import dev.ferry.failure.FailureType;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of every activity, and the timeout of every child workflow, in one place.
 *
 * <p>A migration's steps: refusals and other failures that cannot pass are never retried;
 * everything else backs off. Steps before the commit point give up after a few minutes so a dead
 * host leads to a rollback; steps after it retry for hours because the only way out is forward.
 * Every migration activity heartbeats (perform with its job's statistics, the others from a timer),
 * so a killed worker's attempt times out after {@link #HEARTBEAT_TIMEOUT} and the next attempt runs
 * on another worker, whatever its start-to-close timeout.
 *
 * <p>Reads outside a migration ({@link #fleetRead()}, {@link #inventoryRead()}) change nothing on
 * any host and are retried a fixed number of times whatever the failure; an evacuation bounds each
 * of its child migrations with {@link #MIGRATION_CHILD_TIMEOUT}.
 */
public final class ActivityPolicies {
  /** Short enough that a dead worker is noticed within seconds. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long an evacuation lets one child migration run. Every migration ends within its own
   * activities' timeouts; this bounds even one that would not, so that an evacuation always ends,
   * reporting the guest as needing attention.
   */
  public static final Duration MIGRATION_CHILD_TIMEOUT = Duration.ofDays(2);

  private ActivityPolicies() {}

  /**
   * Every policy here leaves out the failure types that are not retryable, among them a host that
   * refuses ferry's login ({@code AUTH_FAILED}): only a person fixes a password, so retrying would
   * keep a rollback or roll-forward spinning for its 12 hours, and a handed-over cleanup for a
   * week. Failing at once loses no safety. A rollback or roll-forward that fails ends the migration
   * {@code NEEDS_ATTENTION} with the failure's message, which names the host and what to check; it
   * stops where the failure found the guest, destroying nothing (ferry destroys only copies it
   * observed and stamped), so the guest runs once or waits paused, as {@code ferry doctor} then
   * shows. An undo of prepare refused by the destination ends the migration the same way ({@code
   * PrepareUndo}); a handed-over cleanup ends failed as needing attention ({@code
   * PreparedCleanupWorkflowImpl}).
   */
  private static RetryOptions.Builder retries() {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(Duration.ofSeconds(30))
        .setDoNotRetry(FailureType.nonRetryableNames());
  }

  /** The capability check only reads; a host that stays unreachable for minutes refuses. */
  public static ActivityOptions check() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setScheduleToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(retries().build())
        .build();
  }

  /**
   * Images are created sparse (no preallocation: libvirt writes a qcow2 header or a sparse file),
   * so an attempt takes seconds; a destination that stays away for minutes means a rollback, as for
   * the check, not an hour of a guest waiting stamped on its source. A cancellation waits for the
   * attempt to stop, so that the rollback never runs while images are still being created.
   */
  public static ActivityOptions prepare() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setScheduleToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(retries().build())
        .build();
  }

  /**
   * The transfer may take hours for big guests with big disks; the heartbeat catches a dead worker
   * and the next attempt re-attaches. Cancellation waits for the abort to finish so that rollback
   * never races a running job.
   */
  public static ActivityOptions perform() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(24))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(retries().setMaximumAttempts(10).build())
        .build();
  }

  /** After the commit point there is no way back: retry for hours, backing off to one minute. */
  public static ActivityOptions rollForward() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setScheduleToCloseTimeout(Duration.ofHours(12))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retries().setMaximumInterval(Duration.ofMinutes(1)).build())
        .build();
  }

  /** A rollback must happen eventually, however long a host stays away. */
  public static ActivityOptions rollback() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setScheduleToCloseTimeout(Duration.ofHours(12))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retries().setMaximumInterval(Duration.ofMinutes(1)).build())
        .build();
  }

  /**
   * Undoing a prepare after the destination stopped answering: a few minutes, then the migration
   * hands the cleanup to a workflow of its own ({@link #preparedCleanup()}) and ends.
   */
  public static ActivityOptions rollbackPrepare() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(2))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retries().build())
        .build();
  }

  /** The handed-over cleanup waits for its destination for a week, trying every ten minutes. */
  public static ActivityOptions preparedCleanup() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(10))
        .setScheduleToCloseTimeout(Duration.ofDays(7))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retries().setMaximumInterval(Duration.ofMinutes(10)).build())
        .build();
  }

  /**
   * An operator control on the running job answers in milliseconds; a host that does not is
   * reported to the waiting operator rather than waited for. A job about to start is retried for.
   */
  public static ActivityOptions control() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(retries().setMaximumAttempts(3).build())
        .build();
  }

  /**
   * The evacuation's read of the fleet (every host, the guests to move): it reads only, so running
   * it again is harmless. One attempt waits on every host of the inventory, hence minutes rather
   * than seconds; a drained host that stays away through five attempts fails the read, and the
   * evacuation ends saying why rather than planning from a fleet it cannot see.
   */
  public static ActivityOptions fleetRead() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
        .build();
  }

  /**
   * The question workflows' reads of the inventory (hosts, where a guest is): one read, one retry,
   * then the answer or the error, since an operator waiting at a prompt is better served by an
   * error than by a wait.
   */
  public static ActivityOptions inventoryRead() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(60))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
        .build();
  }
}
