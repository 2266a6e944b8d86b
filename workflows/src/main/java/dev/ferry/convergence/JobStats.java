package dev.ferry.convergence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A sample of a running migration job, as the perform activity heartbeats it.
 *
 * @param elapsedMillis time since the job started
 * @param dataTotalBytes memory plus copied disks to transfer in all
 * @param dataProcessedBytes transferred so far
 * @param dataRemainingBytes still to transfer in the current pass
 * @param dirtyRateBytesPerSec how fast the guest dirties memory
 * @param transferRateBytesPerSec how fast the stream moves
 * @param iteration the pre-copy pass (1 is the first full copy)
 * @param maxDowntimeMs the allowed pause at switch-over currently in force
 * @param postcopy whether the migration switched to post-copy
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobStats(
    long elapsedMillis,
    long dataTotalBytes,
    long dataProcessedBytes,
    long dataRemainingBytes,
    long dirtyRateBytesPerSec,
    long transferRateBytesPerSec,
    long iteration,
    long maxDowntimeMs,
    boolean postcopy) {

  /** Share of the data transferred, 0..100, for progress lines. */
  public int percent() {
    if (dataTotalBytes <= 0) {
      return 0;
    }
    long done = Math.max(0, dataTotalBytes - dataRemainingBytes);
    return (int) Math.min(100, done * 100 / dataTotalBytes);
  }

  /**
   * Seconds until the remaining data is sent, or null while it cannot be told: pre-copy gains on
   * the remaining data only by what it sends faster than the guest dirties; post-copy sends it
   * once.
   */
  public Long etaSeconds() {
    long gain = postcopy ? transferRateBytesPerSec : transferRateBytesPerSec - dirtyRateBytesPerSec;
    if (gain <= 0) {
      return null;
    }
    return dataRemainingBytes / gain;
  }
}
