package dev.ferry.reconcile;

/**
 * Why a paused guest is paused; decides between "in flight", "confirm lost" and post-copy cases.
 */
public enum PauseReason {
  /** Not paused. */
  NONE,
  /** An operator paused it. */
  USER,
  /** Paused by a migration: the incoming side before resume, or the source after the transfer. */
  MIGRATION,
  /** Running in post-copy mode: neither side has all the memory. */
  POSTCOPY,
  /** Post-copy was interrupted: the guest can only continue once the stream resumes. */
  POSTCOPY_FAILED,
  /** A disk I/O error paused it. */
  IO_ERROR,
  /** Any other reason. */
  OTHER
}
