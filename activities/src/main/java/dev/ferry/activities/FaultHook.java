package dev.ferry.activities;

import dev.ferry.migration.Phase;

/**
 * Called by every migration activity before it acts. The simulated driver injects faults through
 * it; real drivers use {@link #NONE}.
 */
@FunctionalInterface
public interface FaultHook {
  FaultHook NONE = (phase, vm) -> {};

  /** Throws or blocks if a fault is armed for this phase and guest. */
  void beforePhase(Phase phase, String vm);
}
