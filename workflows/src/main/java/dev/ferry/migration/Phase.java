package dev.ferry.migration;

/** The steps of one migration, in order; ROLLBACK runs only when a step before the commit fails. */
public enum Phase {
  /** Capability check: both hosts observed, options resolved into a plan; nothing changes. */
  CHECK,
  /** Destination prepare: disk images pre-created, capacity reserved, migration id stamped. */
  PREPARE,
  /** The transfer itself, monitored until the destination owns the guest (the commit point). */
  PERFORM,
  /** Destination verified running (or paused, if asked) and its definition persisted. */
  FINISH,
  /** Source copy verified gone, definition removed if asked, reservation released. */
  CONFIRM,
  /** Undo of prepare and perform after a failure or cancellation before the commit point. */
  ROLLBACK,
  /** The workflow has its outcome. */
  DONE
}
