package dev.ferry.reconcile;

/** A guest's state on one host, as the hypervisor reports it. */
public enum DomainState {
  /** vCPUs executing. */
  RUNNING,
  /** Defined and loaded but not executing; see {@link PauseReason}. */
  PAUSED,
  /** Defined, not running. */
  SHUT_OFF,
  /** The guest crashed and was not restarted. */
  CRASHED,
  /** Anything else (shutting down, suspended to disk, ...). */
  OTHER
}
