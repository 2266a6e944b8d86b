package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.convergence.StepTaken;
import java.util.List;

/**
 * What the transfer cost, as the hypervisor measured it.
 *
 * @param totalMillis the migration job's duration
 * @param downtimeMillis how long the guest was paused at switch-over
 * @param dataTotalBytes memory plus copied disks
 * @param dataTransferredBytes bytes sent, including memory sent again
 * @param memoryIterations pre-copy passes
 * @param postcopy whether post-copy finished the migration
 * @param reattached whether a retried perform found the job already running or done
 * @param steps the convergence steps taken during the transfer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationStats(
    long totalMillis,
    long downtimeMillis,
    long dataTotalBytes,
    long dataTransferredBytes,
    long memoryIterations,
    boolean postcopy,
    boolean reattached,
    List<StepTaken> steps) {

  @JsonCreator
  public MigrationStats {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Statistics as a hypervisor reports them, before ferry adds the steps it took. */
  public MigrationStats(
      long totalMillis,
      long downtimeMillis,
      long dataTotalBytes,
      long dataTransferredBytes,
      long memoryIterations,
      boolean postcopy,
      boolean reattached) {
    this(
        totalMillis,
        downtimeMillis,
        dataTotalBytes,
        dataTransferredBytes,
        memoryIterations,
        postcopy,
        reattached,
        List.of());
  }

  /** The same statistics with the convergence steps taken. */
  public MigrationStats withSteps(List<StepTaken> taken) {
    return new MigrationStats(
        totalMillis,
        downtimeMillis,
        dataTotalBytes,
        dataTransferredBytes,
        memoryIterations,
        postcopy,
        reattached,
        taken);
  }

  /** Stats of a migration whose job ferry did not see end (it was found already done). */
  public static MigrationStats unknown() {
    return new MigrationStats(0, 0, 0, 0, 0, false, true);
  }
}
