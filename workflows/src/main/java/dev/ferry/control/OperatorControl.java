package dev.ferry.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One operator control a migration accepted, as its {@code progress} query lists them.
 *
 * @param atMillis when the workflow accepted it, in epoch milliseconds
 * @param request what was asked ({@code tune max downtime 500 ms}, {@code force-complete}, ...)
 * @param result what it did, or why it did not take effect
 * @param applied whether it took effect
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorControl(long atMillis, String request, String result, boolean applied) {}
