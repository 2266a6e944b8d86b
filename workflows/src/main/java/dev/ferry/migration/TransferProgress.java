package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.convergence.StepTaken;
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
}
