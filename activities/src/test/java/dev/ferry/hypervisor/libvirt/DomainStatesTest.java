package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;
import org.junit.jupiter.api.Test;

class DomainStatesTest {
  private static void expect(int state, int reason, DomainState s, PauseReason r) {
    assertEquals(s, DomainStates.state(state, reason), state + "/" + reason);
    assertEquals(r, DomainStates.reason(state, reason), state + "/" + reason);
  }

  @Test
  void mapsStatesAndPauseReasons() {
    expect(1, 1, DomainState.RUNNING, PauseReason.NONE);
    expect(1, 10, DomainState.RUNNING, PauseReason.NONE);
    expect(3, 1, DomainState.PAUSED, PauseReason.USER);
    expect(3, 2, DomainState.PAUSED, PauseReason.MIGRATION);
    expect(3, 5, DomainState.PAUSED, PauseReason.IO_ERROR);
    expect(3, 12, DomainState.PAUSED, PauseReason.POSTCOPY);
    expect(3, 13, DomainState.PAUSED, PauseReason.POSTCOPY_FAILED);
    expect(3, 3, DomainState.PAUSED, PauseReason.OTHER);
    expect(5, 4, DomainState.SHUT_OFF, PauseReason.NONE);
    expect(6, 0, DomainState.CRASHED, PauseReason.NONE);
    expect(7, 0, DomainState.OTHER, PauseReason.NONE);
  }

  @Test
  void aDestinationRunningAfterFailedPostcopyCountsAsInterrupted() {
    expect(1, 11, DomainState.PAUSED, PauseReason.POSTCOPY_FAILED);
  }
}
