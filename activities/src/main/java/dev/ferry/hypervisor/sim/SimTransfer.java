package dev.ferry.hypervisor.sim;

import dev.ferry.migration.JobStats;
import dev.ferry.migration.MigrationStats;

/**
 * The pre-copy model of one migration, advanced in simulated time. Copied disks go first; then
 * memory in passes, each pass sending what the guest dirtied during the previous one. The migration
 * converges when the last dirty set can be sent within the allowed downtime, so whether it ends
 * depends on bandwidth against dirty rate, as it does for QEMU.
 */
final class SimTransfer {
  /** The fixed cost of the switch-over besides sending the last dirty pages. */
  private static final double SWITCH_OVER_MILLIS = 5;

  private final long memoryBytes;
  private final long diskBytes;
  private final double bandwidthBytesPerSec;
  private final long maxDowntimeMs;
  private final boolean autoConverge;
  private double dirtyBytesPerSec;

  private double elapsedMillis;
  private double diskRemaining;
  private double passRemaining;
  private double dirtiedThisPass;
  private double transferred;
  private long iteration;
  private double downtimeMillis;
  private boolean done;
  volatile boolean abortRequested;

  SimTransfer(
      long memoryBytes,
      long diskBytes,
      long dirtyBytesPerSec,
      double bandwidthBytesPerSec,
      long maxDowntimeMs,
      boolean autoConverge) {
    this.memoryBytes = memoryBytes;
    this.diskBytes = diskBytes;
    this.dirtyBytesPerSec = dirtyBytesPerSec;
    this.bandwidthBytesPerSec = bandwidthBytesPerSec;
    this.maxDowntimeMs = maxDowntimeMs;
    this.autoConverge = autoConverge;
    this.diskRemaining = diskBytes;
    this.passRemaining = memoryBytes;
    this.iteration = diskBytes > 0 ? 0 : 1;
  }

  boolean done() {
    return done;
  }

  /** Share of the data sent, for faults that strike at a given point. */
  int percent() {
    return stats().percent();
  }

  /** Advances the model by {@code millis} of simulated time. */
  void advance(double millis) {
    if (done) {
      return;
    }
    elapsedMillis += millis;
    double budget = bandwidthBytesPerSec * millis / 1000.0;
    if (diskRemaining > 0) {
      double sent = Math.min(budget, diskRemaining);
      diskRemaining -= sent;
      transferred += sent;
      budget -= sent;
      if (diskRemaining > 0) {
        return;
      }
      iteration = 1;
    }
    dirtiedThisPass =
        Math.min((double) memoryBytes, dirtiedThisPass + dirtyBytesPerSec * millis / 1000.0);
    double sent = Math.min(budget, passRemaining);
    passRemaining -= sent;
    transferred += sent;
    if (passRemaining > 0) {
      return;
    }
    double finalCopyMillis = dirtiedThisPass / bandwidthBytesPerSec * 1000.0;
    if (finalCopyMillis <= maxDowntimeMs) {
      transferred += dirtiedThisPass;
      downtimeMillis = finalCopyMillis + SWITCH_OVER_MILLIS;
      elapsedMillis += downtimeMillis;
      done = true;
      return;
    }
    passRemaining = dirtiedThisPass;
    dirtiedThisPass = 0;
    iteration++;
    if (autoConverge && iteration > 2) {
      // QEMU's auto-converge throttles vCPUs step by step; model it as a 20% cut per pass.
      dirtyBytesPerSec *= 0.8;
    }
  }

  JobStats stats() {
    long total = memoryBytes + diskBytes;
    long remaining = (long) (diskRemaining + passRemaining);
    return new JobStats(
        (long) elapsedMillis,
        total,
        (long) transferred,
        done ? 0 : remaining,
        (long) dirtyBytesPerSec,
        (long) bandwidthBytesPerSec,
        iteration,
        maxDowntimeMs,
        false);
  }

  MigrationStats completed() {
    return new MigrationStats(
        (long) elapsedMillis,
        Math.round(downtimeMillis),
        memoryBytes + diskBytes,
        (long) transferred,
        iteration,
        false,
        false);
  }
}
