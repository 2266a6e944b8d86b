package dev.ferry.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The migration a log line belongs to, in SLF4J's MDC: workflow id, VM, source and destination
 * host. The worker's interceptor sets it around every workflow and activity call; work an activity
 * hands to another thread carries it along through {@link #wrap}, so lines written there name the
 * same migration. The logback pattern prints it as {@code [workflow=... vm=... source=...
 * destination=...]}; JSON lines carry the keys one by one.
 */
public final class LogContext {
  /** MDC key of the workflow id. */
  public static final String WORKFLOW = "workflow";

  /** MDC key of the guest. */
  public static final String VM = "vm";

  /** MDC key of the source host. */
  public static final String SOURCE = "source";

  /** MDC key of the destination host. */
  public static final String DESTINATION = "destination";

  /** MDC key of all four as one {@code key=value} text, which the text pattern prints. */
  public static final String LINE = "ferry";

  private LogContext() {}

  /**
   * Puts the migration into this thread's MDC, replacing what was there; null values are left out.
   *
   * @return what to hand to {@link #restore} afterwards
   */
  public static Map<String, String> enter(
      String workflowId, String vm, String source, String destination) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(WORKFLOW, workflowId);
    fields.put(VM, vm);
    fields.put(SOURCE, source);
    fields.put(DESTINATION, destination);
    StringBuilder line = new StringBuilder();
    fields.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
            return;
          }
          MDC.put(key, value);
          line.append(line.length() == 0 ? "" : " ").append(key).append('=').append(value);
        });
    MDC.put(LINE, line.toString());
    return previous;
  }

  /** Puts back the MDC {@link #enter} found. */
  public static void restore(Map<String, String> previous) {
    if (previous == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(previous);
    }
  }

  /** The supplier, run with the calling thread's MDC wherever it runs. */
  public static <T> Supplier<T> wrap(Supplier<T> task) {
    Map<String, String> captured = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> previous = MDC.getCopyOfContextMap();
      restore(captured);
      try {
        return task.get();
      } finally {
        restore(previous);
      }
    };
  }

  /** The callable, run with the calling thread's MDC wherever it runs. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Map<String, String> captured = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> previous = MDC.getCopyOfContextMap();
      restore(captured);
      try {
        return task.call();
      } finally {
        restore(previous);
      }
    };
  }

  /** The runnable, run with the calling thread's MDC wherever it runs. */
  public static Runnable wrap(Runnable task) {
    Map<String, String> captured = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> previous = MDC.getCopyOfContextMap();
      restore(captured);
      try {
        task.run();
      } finally {
        restore(previous);
      }
    };
  }
}
