package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.validation.InvalidInputException;

/**
 * How many migrations an evacuation runs at once, and how much bandwidth they share. Null means "no
 * limit" for {@code maxParallel} and {@code bandwidthMiBps}; the per-host limits default to two:
 * one migration keeps a link busy while the other is being checked, prepared or confirmed, and a
 * third would only split the link further, which makes fast-dirtying guests resend more.
 *
 * @param maxParallel migrations running at once in the whole evacuation (per cluster)
 * @param maxPerSource migrations leaving one host at once
 * @param maxPerDestination migrations arriving at one host at once
 * @param bandwidthMiBps the total bandwidth all running migrations may use together, in MiB/s
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvacuationLimits(
    Integer maxParallel, Integer maxPerSource, Integer maxPerDestination, Long bandwidthMiBps) {
  public static final int DEFAULT_PER_HOST = 2;

  public EvacuationLimits {
    positive("maxParallel", maxParallel);
    positive("maxPerSource", maxPerSource);
    positive("maxPerDestination", maxPerDestination);
    if (bandwidthMiBps != null && bandwidthMiBps <= 0) {
      throw new InvalidInputException(
          "bandwidthMiBps", "bandwidth must be a positive number of MiB/s, got " + bandwidthMiBps);
    }
    maxPerSource = maxPerSource == null ? DEFAULT_PER_HOST : maxPerSource;
    maxPerDestination = maxPerDestination == null ? DEFAULT_PER_HOST : maxPerDestination;
  }

  /** The defaults: two per source, two per destination, no cluster or bandwidth limit. */
  public static EvacuationLimits defaults() {
    return new EvacuationLimits(null, null, null, null);
  }

  /**
   * How many migrations may run at once at most, given the number of hosts being drained: the
   * cluster limit, else every source at its own limit. The bandwidth budget is split by this.
   */
  public int slots(int sources) {
    int bySource = Math.max(1, sources) * maxPerSource;
    return maxParallel == null ? bySource : Math.min(maxParallel, bySource);
  }

  /** Each migration's share of the bandwidth budget, or null without a budget. */
  public Long bandwidthShareMiBps(int sources) {
    return bandwidthMiBps == null ? null : Math.max(1, bandwidthMiBps / slots(sources));
  }

  private static void positive(String field, Integer value) {
    if (value != null && value < 1) {
      throw new InvalidInputException(field, field + " must be at least 1, got " + value);
    }
  }
}
