package dev.ferry.hypervisor.sim;

import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationStats;

/**
 * The pre-copy model of one migration, advanced in simulated time. Copied disks go first; then
 * memory in passes, each pass sending what the guest dirtied during the previous one, never more
 * than its working set. The migration converges when the last dirty set can be sent within the
 * allowed downtime, so whether it ends depends on bandwidth against dirty rate, as it does for
 * QEMU. The convergence levers act on the running model: a longer max downtime, auto-converge
 * (throttled vCPUs dirty less), a paused guest (dirties nothing) and post-copy (the rest is pulled
 * once). Guarded by the cluster's lock.
 */
final class SimTransfer {
  /** The fixed cost of the switch-over besides sending the last dirty pages. */
  private static final double SWITCH_OVER_MILLIS = 5;

  /** QEMU's auto-converge defaults: throttle 20% at first, 10% more each pass, at most 99%. */
  private static final double THROTTLE_INITIAL = 0.2;

  private static final double THROTTLE_INCREMENT = 0.1;
  private static final double THROTTLE_MAX = 0.99;

  private final long memoryBytes;
  private final long diskBytes;
  private final long workingSetBytes;
  private final long dirtyBytesPerSec;
  private final boolean autoConvergeFromStart;
  private final boolean postcopyAllowed;
  private double bandwidthBytesPerSec;
  private long maxDowntimeMs;
  private double throttle;
  private boolean guestPaused;
  private double pausedAtMillis;
  private boolean postcopy;

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
      long workingSetBytes,
      long dirtyBytesPerSec,
      double bandwidthBytesPerSec,
      long maxDowntimeMs,
      boolean autoConverge,
      boolean postcopyAllowed) {
    this.memoryBytes = memoryBytes;
    this.diskBytes = diskBytes;
    this.workingSetBytes = Math.min(memoryBytes, workingSetBytes);
    this.dirtyBytesPerSec = dirtyBytesPerSec;
    this.bandwidthBytesPerSec = bandwidthBytesPerSec;
    this.maxDowntimeMs = maxDowntimeMs;
    this.autoConvergeFromStart = autoConverge;
    this.postcopyAllowed = postcopyAllowed;
    this.diskRemaining = diskBytes;
    this.passRemaining = memoryBytes;
    this.iteration = diskBytes > 0 ? 0 : 1;
  }

  boolean done() {
    return done;
  }

  boolean postcopy() {
    return postcopy;
  }

  /** Share of the data sent, for faults that strike at a given point. */
  int percent() {
    return stats().percent();
  }

  void setMaxDowntime(long ms) {
    maxDowntimeMs = ms;
  }

  double bandwidthBytesPerSec() {
    return bandwidthBytesPerSec;
  }

  void setBandwidth(double bytesPerSec) {
    bandwidthBytesPerSec = bytesPerSec;
  }

  /** Starts throttling now, unless it already does. */
  void enableAutoConverge() {
    throttle = Math.max(throttle, THROTTLE_INITIAL);
  }

  /** The guest was paused: it dirties nothing from now on. */
  void pauseGuest() {
    if (!guestPaused) {
      guestPaused = true;
      pausedAtMillis = elapsedMillis;
    }
  }

  /**
   * The guest runs on the destination from now on; what is left is sent once.
   *
   * @return false if the migration was started without post-copy allowed, as libvirt refuses then
   */
  boolean startPostcopy() {
    if (!postcopyAllowed) {
      return false;
    }
    postcopy = true;
    passRemaining += dirtiedThisPass;
    dirtiedThisPass = 0;
    return true;
  }

  private double dirtyRate() {
    return guestPaused || postcopy ? 0 : dirtyBytesPerSec * (1 - throttle);
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
        Math.min((double) workingSetBytes, dirtiedThisPass + dirtyRate() * millis / 1000.0);
    double sent = Math.min(budget, passRemaining);
    passRemaining -= sent;
    transferred += sent;
    if (passRemaining > 0) {
      return;
    }
    if (postcopy) {
      // The guest has run on the destination since the switch: only the switch paused it.
      downtimeMillis = SWITCH_OVER_MILLIS;
      done = true;
      return;
    }
    double finalCopyMillis = dirtiedThisPass / bandwidthBytesPerSec * 1000.0;
    if (finalCopyMillis <= maxDowntimeMs || guestPaused) {
      transferred += dirtiedThisPass;
      elapsedMillis += finalCopyMillis + SWITCH_OVER_MILLIS;
      // A guest paused to complete has been down since it was paused, not only at the switch.
      downtimeMillis =
          guestPaused ? elapsedMillis - pausedAtMillis : finalCopyMillis + SWITCH_OVER_MILLIS;
      done = true;
      return;
    }
    passRemaining = dirtiedThisPass;
    dirtiedThisPass = 0;
    iteration++;
    nextThrottle();
  }

  /**
   * QEMU raises the throttle each pass that did not converge; with the flag it starts by itself.
   */
  private void nextThrottle() {
    if (throttle > 0) {
      throttle = Math.min(THROTTLE_MAX, throttle + THROTTLE_INCREMENT);
    } else if (autoConvergeFromStart && iteration > 2) {
      throttle = THROTTLE_INITIAL;
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
        (long) dirtyRate(),
        (long) bandwidthBytesPerSec,
        iteration,
        maxDowntimeMs,
        postcopy);
  }

  MigrationStats completed() {
    return new MigrationStats(
        (long) elapsedMillis,
        Math.round(downtimeMillis),
        memoryBytes + diskBytes,
        (long) transferred,
        iteration,
        postcopy,
        false);
  }
}
