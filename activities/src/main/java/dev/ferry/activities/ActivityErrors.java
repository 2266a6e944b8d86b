package dev.ferry.activities;

import dev.ferry.failure.FerryException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single place where ferry's failures become Temporal failures, at the activity boundary. */
final class ActivityErrors {
  private static final Logger log = LoggerFactory.getLogger(ActivityErrors.class);

  private ActivityErrors() {}

  static <T> T translate(Supplier<T> body) {
    try {
      return body.get();
    } catch (FerryException e) {
      log.warn(
          "{} failed ({}{}): {}",
          Activity.getExecutionContext().getInfo().getActivityType(),
          e.type(),
          e.type().retryable() ? ", will retry" : "",
          e.getMessage());
      throw toFailure(e);
    }
  }

  static void translate(Runnable body) {
    translate(
        () -> {
          body.run();
          return null;
        });
  }

  static ApplicationFailure toFailure(FerryException e) {
    // The cause is left out on purpose: driver exceptions may quote URIs with user names.
    Object[] details = e.details() == null ? new Object[0] : new Object[] {e.details()};
    return e.type().retryable()
        ? ApplicationFailure.newFailure(e.getMessage(), e.type().name(), details)
        : ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.type().name(), details);
  }
}
