package dev.ferry.hypervisor.libvirt;

import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;

/** libvirt's {@code virDomainState} and its reasons as ferry's state and pause reason. */
final class DomainStates {
  static final int NOSTATE = 0;
  static final int RUNNING = 1;
  static final int BLOCKED = 2;
  static final int PAUSED = 3;
  static final int SHUTDOWN = 4;
  static final int SHUTOFF = 5;
  static final int CRASHED = 6;
  static final int PMSUSPENDED = 7;

  static final int PAUSED_USER = 1;
  static final int PAUSED_MIGRATION = 2;
  static final int PAUSED_IOERROR = 5;
  static final int PAUSED_POSTCOPY = 12;
  static final int PAUSED_POSTCOPY_FAILED = 13;

  static final int RUNNING_POSTCOPY_FAILED = 11;

  private DomainStates() {}

  /** State and pause reason; {@code [state, reason]} as virDomainGetState returns them. */
  static DomainState state(int state, int reason) {
    return switch (state) {
      case RUNNING, BLOCKED ->
          reason == RUNNING_POSTCOPY_FAILED && state == RUNNING
              ? DomainState.PAUSED
              : DomainState.RUNNING;
      case PAUSED -> DomainState.PAUSED;
      case SHUTOFF -> DomainState.SHUT_OFF;
      case CRASHED -> DomainState.CRASHED;
      default -> DomainState.OTHER;
    };
  }

  /**
   * The pause reason. A destination left running after post-copy failed (libvirt 8.5 and later) is
   * reported as paused with {@code POSTCOPY_FAILED}: its vCPUs wait for pages that will not come,
   * so the reconcile table must treat it as an interrupted post-copy, not as a healthy copy.
   */
  static PauseReason reason(int state, int reason) {
    if (state == RUNNING && reason == RUNNING_POSTCOPY_FAILED) {
      return PauseReason.POSTCOPY_FAILED;
    }
    if (state != PAUSED) {
      return PauseReason.NONE;
    }
    return switch (reason) {
      case PAUSED_USER -> PauseReason.USER;
      case PAUSED_MIGRATION -> PauseReason.MIGRATION;
      case PAUSED_IOERROR -> PauseReason.IO_ERROR;
      case PAUSED_POSTCOPY -> PauseReason.POSTCOPY;
      case PAUSED_POSTCOPY_FAILED -> PauseReason.POSTCOPY_FAILED;
      default -> PauseReason.OTHER;
    };
  }
}
