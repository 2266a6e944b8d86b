package dev.ferry.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What an operator control did to the running transfer, read back from the hypervisor after it
 * acted, so the caller learns the setting in force rather than the one asked for.
 *
 * @param action what was done, in words
 * @param maxDowntimeMs the max downtime the job reports now
 * @param bandwidthMiBps the bandwidth cap the job reports now (0: unlimited)
 * @param postcopy whether the job runs in post-copy now
 * @param sourcePaused whether the guest was paused on the source so the transfer completes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ControlResult(
    String action,
    long maxDowntimeMs,
    long bandwidthMiBps,
    boolean postcopy,
    boolean sourcePaused) {

  /** The same result for a job known to have switched to post-copy. */
  public ControlResult inPostcopy() {
    return new ControlResult(action, maxDowntimeMs, bandwidthMiBps, true, sourcePaused);
  }
}
