package dev.ferry.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What {@code ferry tune} changes on a running transfer: either or both of the max downtime and the
 * bandwidth cap. Bounds as for the options a migration starts with.
 *
 * @param maxDowntimeMs the longest pause allowed at switch-over from now on, or null to keep it
 * @param bandwidthMiBps the bandwidth cap from now on in MiB/s, or null to keep it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferTuning(Long maxDowntimeMs, Long bandwidthMiBps) {
  /** The same bounds as {@code --max-downtime} and {@code --bandwidth}. */
  public static final long MAX_DOWNTIME_LIMIT_MS = 600_000;

  public static final long BANDWIDTH_LIMIT_MIBPS = 1_000_000;

  public TransferTuning {
    if (maxDowntimeMs == null && bandwidthMiBps == null) {
      throw new IllegalArgumentException(
          "nothing to tune: give a max downtime, a bandwidth or both");
    }
    if (maxDowntimeMs != null && (maxDowntimeMs < 1 || maxDowntimeMs > MAX_DOWNTIME_LIMIT_MS)) {
      throw new IllegalArgumentException(
          "max downtime out of range: "
              + maxDowntimeMs
              + " ms (allowed 1.."
              + MAX_DOWNTIME_LIMIT_MS
              + ")");
    }
    if (bandwidthMiBps != null && (bandwidthMiBps < 1 || bandwidthMiBps > BANDWIDTH_LIMIT_MIBPS)) {
      throw new IllegalArgumentException(
          "bandwidth out of range: "
              + bandwidthMiBps
              + " MiB/s (allowed 1.."
              + BANDWIDTH_LIMIT_MIBPS
              + ")");
    }
  }

  /** In words, for the history and the CLI: {@code max downtime 500 ms, bandwidth 64 MiB/s}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (maxDowntimeMs != null) {
      text.append("max downtime ").append(maxDowntimeMs).append(" ms");
    }
    if (bandwidthMiBps != null) {
      text.append(text.length() > 0 ? ", " : "").append("bandwidth ").append(bandwidthMiBps);
      text.append(" MiB/s");
    }
    return text.toString();
  }
}
