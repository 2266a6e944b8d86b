package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationStats(
    long totalMillis,
    long downtimeMillis,
    long dataTotalBytes,
    long dataTransferredBytes,
    long memoryIterations,
    boolean postcopy,
    boolean reattached) {

  /** Stats of a migration whose job ferry did not see end (it was found already done). */
  public static MigrationStats unknown() {
    return new MigrationStats(0, 0, 0, 0, 0, false, true);
  }
}
