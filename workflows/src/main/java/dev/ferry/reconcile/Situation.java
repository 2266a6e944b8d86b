package dev.ferry.reconcile;

/** Where a migration stands, judged from both hosts. Each constant names the action it implies. */
public enum Situation {
  /** Nothing moved yet (or a failed attempt left nothing behind): start, or call it rolled back. */
  NOT_STARTED,
  /** A migration job is running on the source: re-attach and monitor, never start a second one. */
  IN_FLIGHT,
  /** The destination owns the guest and the source copy is gone or shut off: roll forward. */
  MIGRATED,
  /**
   * Transfer done, confirm lost: the source copy is paused, the destination runs. Roll forward and
   * destroy the paused source copy only after the destination is verified running.
   */
  CONFIRM_LOST,
  /** Post-copy was interrupted: resume post-copy or ask for attention, never abort. */
  POSTCOPY_INTERRUPTED,
  /**
   * The source still runs the guest and the destination holds a non-running copy stamped by this
   * migration: destroy that copy to roll back.
   */
  LEFTOVER_ON_DESTINATION,
  /**
   * The destination has a domain of the guest's destination name that this migration cannot
   * attribute (another UUID, or not stamped by it): never the migrated guest, never touched. Before
   * the commit point the migration rolls back its own work only.
   */
  FOREIGN_ON_DESTINATION,
  /** The guest runs on both hosts: pause both and ask for attention. */
  SPLIT_BRAIN,
  /** The guest is on neither host. */
  LOST,
  /** A combination no rule covers: ask for attention, touch nothing. */
  UNKNOWN
}
