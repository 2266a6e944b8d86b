package dev.ferry.activities;

import dev.ferry.migration.Phase;

/**
 * Called by every migration activity before it acts and after it acted (before its result goes back
 * to Temporal): check, prepare, perform, finish, confirm, and the undo steps (rollbackPerform and
 * rollbackPrepare, the latter also as a handed-over cleanup), which call it with {@link
 * Phase#ROLLBACK}. The simulated driver injects faults through it; the lab's fault tests pause a
 * worker at a precise point through {@link PausePoints}; production workers use {@link #NONE}.
 */
@FunctionalInterface
public interface FaultHook {
  FaultHook NONE = (phase, vm) -> {};

  /** Throws or blocks if a fault is armed for this phase and guest. */
  void beforePhase(Phase phase, String vm);

  /** Throws or blocks if a fault is armed for the end of this phase; by default nothing. */
  default void afterPhase(Phase phase, String vm) {}

  /**
   * Throws or blocks if a fault is armed at a named point inside a phase (for example {@code
   * before-transfer}: perform has observed the hosts and is about to start the job).
   */
  default void at(String point, String vm) {}

  /** Both hooks, this one first. */
  default FaultHook andThen(FaultHook next) {
    FaultHook first = this;
    return new FaultHook() {
      @Override
      public void beforePhase(Phase phase, String vm) {
        first.beforePhase(phase, vm);
        next.beforePhase(phase, vm);
      }

      @Override
      public void afterPhase(Phase phase, String vm) {
        first.afterPhase(phase, vm);
        next.afterPhase(phase, vm);
      }

      @Override
      public void at(String point, String vm) {
        first.at(point, vm);
        next.at(point, vm);
      }
    };
  }
}
