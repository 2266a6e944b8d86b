package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.convergence.ConvergenceState;
import dev.ferry.convergence.JobStats;

/**
 * What the perform activity heartbeats: the job's latest statistics for whoever looks, and the
 * convergence state so that a retried perform continues the schedule instead of restarting it.
 *
 * @param stats the latest sample, or null before the first
 * @param convergence where the migration stands in its convergence policy
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PerformHeartbeat(JobStats stats, ConvergenceState convergence) {}
