package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * When one phase ran, in workflow time (epoch milliseconds).
 *
 * @param name the phase
 * @param startMillis when it started
 * @param endMillis when it ended, or 0 while it runs
 * @param result {@code ok}, or the failure that ended it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PhaseTiming(Phase name, long startMillis, long endMillis, String result) {}
