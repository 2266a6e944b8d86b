package dev.ferry.hypervisor.sim;

import dev.ferry.activities.FaultHook;
import dev.ferry.config.SimSettings.SimFaultConfig;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.migration.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faults armed in the simulated driver: at phase entry (via {@link FaultHook}) and in transfers.
 */
public final class SimFaults implements FaultHook {

  /** What a phase fault does. */
  public enum Action {
    /** Fail with a retryable failure. */
    FAIL,
    /** Fail with a failure that is not retried. */
    FAIL_PERMANENT,
    /** Block for a while without heartbeating, as a stuck worker would. */
    HANG
  }

  private static final class PhaseFault {
    final Phase phase;
    final String vm;
    final Action action;
    final Duration hang;
    int remaining;

    PhaseFault(Phase phase, String vm, Action action, int times, Duration hang) {
      this.phase = phase;
      this.vm = vm;
      this.action = action;
      this.remaining = times;
      this.hang = hang;
    }
  }

  private record PhaseAction(Phase phase, String vm, Runnable action) {}

  private final List<PhaseFault> phaseFaults = new ArrayList<>();
  private final List<PhaseAction> phaseActions = new ArrayList<>();
  private final List<PhaseAction> phaseEndActions = new ArrayList<>();
  private final List<String> destinationDeaths = new ArrayList<>();
  private final List<Integer> destinationDeathPercents = new ArrayList<>();
  private final List<String> lostConfirms = new ArrayList<>();

  static SimFaults from(List<SimFaultConfig> configs) {
    SimFaults faults = new SimFaults();
    for (SimFaultConfig c : configs) {
      faults.arm(
          Phase.valueOf(c.phase().toUpperCase(Locale.ROOT)),
          c.vm(),
          Action.valueOf(c.action().toUpperCase(Locale.ROOT).replace('-', '_')),
          c.times(),
          Duration.ofSeconds(c.seconds()));
    }
    return faults;
  }

  /**
   * Arms a fault at the entry of a phase's activity.
   *
   * @param vm the guest, or null for all
   * @param times how often it fires; 0 for always
   */
  public synchronized void arm(Phase phase, String vm, Action action, int times, Duration hang) {
    phaseFaults.add(
        new PhaseFault(phase, vm, action, times == 0 ? Integer.MAX_VALUE : times, hang));
  }

  /**
   * Runs something once, when the phase's activity for the guest first starts: for a test that
   * makes a host fail at a precise point (e.g. the destination going away as prepare begins).
   */
  public synchronized void atPhase(Phase phase, String vm, Runnable action) {
    phaseActions.add(new PhaseAction(phase, vm, action));
  }

  /**
   * Runs something once, when the phase's activity for the guest has acted and is about to report:
   * for a test that needs what the phase made (an image with its owner mark) before a host fails.
   */
  public synchronized void atPhaseEnd(Phase phase, String vm, Runnable action) {
    phaseEndActions.add(new PhaseAction(phase, vm, action));
  }

  /** The destination dies (becomes unreachable, drops the incoming copy) at this percent. */
  public synchronized void destinationDiesAt(String vm, int percent) {
    destinationDeaths.add(vm);
    destinationDeathPercents.add(percent);
  }

  /**
   * The transfer completes but the confirmation is lost: the source copy stays paused and the
   * caller sees a failure, as with libvirt's PERFORM3_DONE.
   */
  public synchronized void loseConfirm(String vm) {
    lostConfirms.add(vm);
  }

  synchronized boolean destinationDies(String vm, int percent) {
    int index = destinationDeaths.indexOf(vm);
    if (index < 0 || percent < destinationDeathPercents.get(index)) {
      return false;
    }
    destinationDeaths.remove(index);
    destinationDeathPercents.remove(index);
    return true;
  }

  synchronized boolean confirmLost(String vm) {
    return lostConfirms.remove(vm);
  }

  @Override
  public void beforePhase(Phase phase, String vm) {
    Runnable action = takeAction(phase, vm);
    if (action != null) {
      action.run();
    }
    PhaseFault fired = take(phase, vm);
    if (fired == null) {
      return;
    }
    String what = "injected fault in " + phase.name().toLowerCase(Locale.ROOT) + " of " + vm;
    switch (fired.action) {
      case FAIL -> throw new FerryException(FailureType.INJECTED_TRANSIENT, what);
      case FAIL_PERMANENT -> throw new FerryException(FailureType.INJECTED_PERMANENT, what);
      case HANG -> sleep(fired.hang);
    }
  }

  @Override
  public void afterPhase(Phase phase, String vm) {
    Runnable action = takeAction(phaseEndActions, phase, vm);
    if (action != null) {
      action.run();
    }
  }

  private synchronized Runnable takeAction(Phase phase, String vm) {
    return takeAction(phaseActions, phase, vm);
  }

  private synchronized Runnable takeAction(List<PhaseAction> armedActions, Phase phase, String vm) {
    for (PhaseAction armed : armedActions) {
      if (armed.phase() == phase && armed.vm().equals(vm)) {
        armedActions.remove(armed);
        return armed.action();
      }
    }
    return null;
  }

  private synchronized PhaseFault take(Phase phase, String vm) {
    for (PhaseFault fault : phaseFaults) {
      if (fault.phase == phase
          && (fault.vm == null || fault.vm.equals(vm))
          && fault.remaining > 0) {
        fault.remaining--;
        return fault;
      }
    }
    return null;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
