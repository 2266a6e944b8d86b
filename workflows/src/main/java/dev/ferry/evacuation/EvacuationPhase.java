package dev.ferry.evacuation;

/** Where an evacuation as a whole stands. */
public enum EvacuationPhase {
  /** Reading the fleet: which guests, which destinations. */
  PLANNING,
  /** Starting migrations as limits allow. */
  RUNNING,
  /** Paused by the operator: migrations in flight go on, no new one starts. */
  PAUSED,
  /** Cancelled, stopped or past the deadline: waiting for migrations in flight to end. */
  STOPPING,
  /** Every guest is accounted for. */
  DONE
}
