package dev.ferry.evacuation;

/**
 * How long a migration is expected to take, to decide whether it fits before a deadline. Memory and
 * copied disks over the bandwidth it will get, with a margin for pre-copy resends (a guest that
 * dirties memory sends some of it twice) plus a fixed allowance for checking, preparing and
 * confirming. Deliberately pessimistic: starting a migration that then overruns the window is worse
 * than leaving one for the next window.
 */
public final class Estimate {
  /** Pre-copy resends and link contention: 30% on top of the raw transfer. */
  public static final double MARGIN = 1.3;

  /** Check, prepare, switch-over, finish and confirm. */
  public static final long FIXED_MILLIS = 5_000;

  private Estimate() {}

  /** Milliseconds to migrate {@code bytes} at {@code mibps}. */
  public static long millis(long bytes, long mibps) {
    double seconds = bytes / (Math.max(1, mibps) * 1024.0 * 1024.0);
    return FIXED_MILLIS + (long) Math.ceil(seconds * MARGIN * 1000);
  }

  /**
   * The bandwidth one more migration from {@code source} to {@code destination} gets: each link
   * shared with the migrations already on it, and never more than the evacuation's share.
   */
  public static long bandwidthMiBps(
      HostView source, int outbound, HostView destination, int inbound, Long capMiBps) {
    long bandwidth = Math.min(source.link() / (outbound + 1), destination.link() / (inbound + 1));
    return capMiBps == null ? bandwidth : Math.min(bandwidth, capMiBps);
  }
}
