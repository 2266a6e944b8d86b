package dev.ferry.evacuation;

import dev.ferry.failure.FailureType;

/** Which failed migrations are worth another attempt on another destination. */
public final class Retries {
  private Retries() {}

  /**
   * Whether a migration that ended with this failure may pass on another destination. Failures of
   * the guest itself (it is gone, it owns a device, its state or options cannot work) fail the same
   * way anywhere; one that needs a person is never retried.
   */
  public static boolean anotherDestinationMayHelp(FailureType type) {
    if (type == null) {
      return true;
    }
    return switch (type) {
      case VM_NOT_FOUND,
              INVALID_OPTIONS,
              PASSTHROUGH_DEVICE,
              UNSUPPORTED_STATE,
              SPLIT_BRAIN,
              NEEDS_ATTENTION ->
          false;
      default -> true;
    };
  }
}
