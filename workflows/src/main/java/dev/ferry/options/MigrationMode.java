package dev.ferry.options;

/** How the guest moves. */
public enum MigrationMode {
  /** Live if the guest is running or paused, offline if it is shut off. */
  AUTO,
  /** Memory and device state move while the guest keeps running. */
  LIVE,
  /** Only the definition moves; the guest must be shut off. */
  OFFLINE
}
