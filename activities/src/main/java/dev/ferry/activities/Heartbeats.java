package dev.ferry.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats an activity from a timer thread while its body runs, so that Temporal notices a dead
 * worker within the heartbeat timeout even in steps that block in one long hypervisor call. A
 * cancellation (or a workflow that no longer waits for the activity) comes back through the
 * heartbeat; the body sees it at its next {@link #checkpoint()}, before it changes anything more.
 */
final class Heartbeats implements AutoCloseable {
  private static final long PERIOD_MILLIS = 1_000;
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "ferry-heartbeats");
            thread.setDaemon(true);
            return thread;
          });

  private final ScheduledFuture<?> beat;
  private volatile ActivityCompletionException stop;

  private Heartbeats(ActivityExecutionContext context) {
    beat =
        TIMER.scheduleAtFixedRate(
            () -> {
              try {
                context.heartbeat(null);
              } catch (ActivityCompletionException e) {
                stop = e;
              } catch (RuntimeException e) {
                // A heartbeat that did not get through is retried on the next tick.
              }
            },
            0,
            PERIOD_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  /** Starts heartbeating the current activity; call on the activity's thread. */
  static Heartbeats start() {
    return new Heartbeats(Activity.getExecutionContext());
  }

  /** Throws if the activity was cancelled or its workflow stopped waiting for it. */
  void checkpoint() {
    ActivityCompletionException seen = stop;
    if (seen != null) {
      throw seen;
    }
  }

  @Override
  public void close() {
    beat.cancel(false);
  }
}
