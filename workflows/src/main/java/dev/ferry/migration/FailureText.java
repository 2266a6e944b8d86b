package dev.ferry.migration;

import dev.ferry.failure.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * A failure seen by the workflow, reduced to what an operator needs: ferry's failure type (if it is
 * one of ours) and one sentence.
 *
 * @param type ferry's failure type, or null for timeouts, cancellation and unknown failures
 * @param reason one sentence
 * @param cancelled the failure is a cancellation
 */
record FailureText(FailureType type, String reason, boolean cancelled) {

  static FailureText of(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof ActivityFailure && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApplicationFailure app) {
      return new FailureText(FailureType.fromName(app.getType()), app.getOriginalMessage(), false);
    }
    if (cause instanceof CanceledFailure) {
      return new FailureText(null, "cancelled by operator", true);
    }
    if (cause instanceof TimeoutFailure timeout) {
      return new FailureText(
          null,
          "timed out (" + timeout.getTimeoutType().name().toLowerCase(java.util.Locale.ROOT) + ")",
          false);
    }
    if (cause instanceof TemporalFailure temporal) {
      return new FailureText(null, temporal.getOriginalMessage(), false);
    }
    return new FailureText(null, String.valueOf(cause.getMessage()), false);
  }
}
