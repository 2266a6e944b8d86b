package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.convergence.JobStats;
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

  /**
   * These statistics, completed from what the perform saw of the job: where the hypervisor kept no
   * completed statistics (libvirt 9.0 keeps none of a migration that ended in post-copy), the last
   * sample stands in for them; and a switch to post-copy seen live counts even if they miss it.
   *
   * @param last the job's last sample, or null if none was taken
   * @param postcopyStarted whether the perform saw the job switch to post-copy
   */
  public MigrationStats completedBy(JobStats last, boolean postcopyStarted) {
    boolean switched = postcopy || postcopyStarted || (last != null && last.postcopy());
    if (dataTotalBytes > 0 || last == null) {
      return new MigrationStats(
          totalMillis,
          downtimeMillis,
          dataTotalBytes,
          dataTransferredBytes,
          memoryIterations,
          switched,
          reattached,
          steps);
    }
    return new MigrationStats(
        last.elapsedMillis(),
        downtimeMillis,
        last.dataTotalBytes(),
        last.dataProcessedBytes(),
        last.iteration(),
        switched,
        reattached,
        steps);
  }

  /** Stats of a migration whose job ferry did not see end (it was found already done). */
  public static MigrationStats unknown() {
    return new MigrationStats(0, 0, 0, 0, 0, false, true);
  }
}
