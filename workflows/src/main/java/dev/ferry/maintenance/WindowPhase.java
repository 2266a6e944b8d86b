package dev.ferry.maintenance;

/** Where a maintenance window stands. */
public enum WindowPhase {
  /** Before its start: nothing has changed yet. */
  WAITING,
  /** Open: the hosts are in maintenance and being evacuated. */
  OPEN,
  /** Over: the evacuation ended; the hosts stay in maintenance. */
  CLOSED,
  /** Cancelled before it opened: nothing changed. */
  CANCELLED
}
