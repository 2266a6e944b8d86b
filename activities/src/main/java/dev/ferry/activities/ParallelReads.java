package dev.ferry.activities;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.logging.LogContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads from several hosts at once. Every host read is a network round trip that mostly waits, so a
 * check that asks both hosts in turn pays twice what it needs. Failures surface where the caller
 * joins, so the caller decides which host's error is reported first.
 */
final class ParallelReads {
  // Daemon threads that end when idle: nothing to shut down with the worker.
  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "ferry-host-read");
            thread.setDaemon(true);
            return thread;
          });

  private ParallelReads() {}

  static <T> CompletableFuture<T> start(Supplier<T> read) {
    return CompletableFuture.supplyAsync(LogContext.wrap(read), THREADS);
  }

  /** The read's value, or the exception it threw (unwrapped, as if the read ran here). */
  static <T> T await(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new FerryException(
          FailureType.HYPERVISOR_ERROR, "host read failed: " + e.getCause().getMessage());
    }
  }
}
