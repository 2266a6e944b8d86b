package dev.ferry.migration;

/** How a migration ended. */
public enum Outcome {
  /** The guest runs on the destination only. */
  MIGRATED,
  /** The guest runs on the source only and nothing of the attempt is left on the destination. */
  ROLLED_BACK,
  /** ferry saw something it must not decide alone (for example the guest running twice). */
  NEEDS_ATTENTION
}
