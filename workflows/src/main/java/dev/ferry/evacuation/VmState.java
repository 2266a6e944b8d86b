package dev.ferry.evacuation;

/** Where one guest of an evacuation stands. */
public enum VmState {
  /** Waiting for a destination, a free slot or its turn. */
  PENDING,
  /** Its migration runs. */
  MIGRATING,
  /** It runs on a destination. */
  MIGRATED,
  /** No host can take it, or it cannot move at all; the reason says which. */
  CANNOT_MOVE,
  /** Every attempt failed (each on another destination); it runs on its source. */
  FAILED,
  /** Its migration ended in a state a person must look at. */
  NEEDS_ATTENTION,
  /** Its migration was stopped by a cancel or the end of the window; it runs on its source. */
  ROLLED_BACK,
  /** It was never started: cancelled, stopped, or it would not have finished before the end. */
  NOT_STARTED;

  /** Whether the guest's part in the evacuation is over. */
  public boolean settled() {
    return this != PENDING && this != MIGRATING;
  }
}
