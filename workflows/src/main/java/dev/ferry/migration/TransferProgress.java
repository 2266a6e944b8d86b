package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.convergence.JobStats;
import dev.ferry.convergence.StepTaken;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * A running transfer as the perform activity reports it to its workflow, and the convergence steps
 * carried by a perform that ended without moving the guest.
 *
 * @param stats the latest sample of the job, or null if none was taken
 * @param steps the convergence steps taken so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferProgress(JobStats stats, List<StepTaken> steps) {
  public TransferProgress {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** The report a failed perform carries in its failure details, or null if it carries none. */
  static TransferProgress carriedBy(RuntimeException activityFailure) {
    if (activityFailure.getCause() instanceof ApplicationFailure app
        && app.getDetails().getSize() > 0) {
      try {
        return app.getDetails().get(0, TransferProgress.class, TransferProgress.class);
      } catch (RuntimeException notOurs) {
        // Details of another shape: the steps last reported stand.
        return null;
      }
    }
    return null;
  }
}
