package dev.ferry.evacuation;

/** What happens to migrations in flight when an evacuation is cancelled or reaches its end. */
public enum EndPolicy {
  /** They run to their outcome; only new ones are not started. */
  FINISH,
  /** They are asked to stop: those before their commit point roll back, later ones finish. */
  ABORT
}
