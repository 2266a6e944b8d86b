package dev.ferry.migration;

import static dev.ferry.migration.SimFleet.CAP_MIBPS;
import static dev.ferry.migration.SimFleet.PATIENT;
import static dev.ferry.migration.SimFleet.STALLED;
import static dev.ferry.migration.SimFleet.STUBBORN;
import static dev.ferry.migration.SimFleet.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.control.ControlResult;
import dev.ferry.control.OperatorControl;
import dev.ferry.control.TransferTuning;
import dev.ferry.hypervisor.sim.SimFaults.Action;
import dev.ferry.options.MigrationOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operator controls on running migrations of the simulated driver: each acts on the live job, is
 * answered with what is in force afterwards, and is recorded; guests that would never end by
 * themselves (under a policy that never steps in) end because of them.
 */
class OperatorControlsWorkflowTest {
  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet(100);
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  /** Capped below what the guest needs, under a policy that never ends the migration itself. */
  private static MigrationRequest stuck(String vm, boolean postcopy) {
    return new MigrationRequest(
        vm,
        "sim-a",
        "sim-b",
        MigrationOptions.builder()
            .bandwidthMiBps(CAP_MIBPS)
            .convergence(PATIENT)
            .allowPostcopy(postcopy)
            .build(),
        null);
  }

  private static SimFleet.Running transferring(SimFleet.Running running) {
    running.awaitProgress(p -> p.dataTotalBytes() != null && p.iteration() > 1);
    return running;
  }

  @Test
  void tunedMaxDowntimeLetsAStubbornGuestConvergeAndThePolicyKeepsIt() {
    SimFleet.Running running = transferring(fleet.start(stuck(STUBBORN, false)));

    ControlResult result = running.workflow().tune(new TransferTuning(1000L, null));
    MigrationOutcome outcome = running.outcome();

    assertEquals(1000, result.maxDowntimeMs(), result.toString());
    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(STUBBORN));
    // Its last dirty set needs 750 ms: only the tuned max downtime, kept in force, allows that.
    assertTrue(outcome.stats().downtimeMillis() > 300, outcome.stats().toString());
    List<OperatorControl> controls = running.workflow().progress().controls();
    assertEquals(1, controls.size(), controls.toString());
    assertTrue(controls.get(0).applied());
    assertEquals("tune max downtime 1000 ms", controls.get(0).request());
  }

  @Test
  void tunedMaxDowntimeStaysInForceWhileThePolicyFollowsTheJob() {
    SimFleet.Running running = transferring(fleet.start(stuck(STALLED, false)));

    running.workflow().tune(new TransferTuning(700L, null));
    long tunedAt = running.workflow().progress().iteration();
    // Several samples later, the policy has not put its own 300 ms back.
    MigrationProgress later = running.awaitProgress(p -> p.iteration() > tunedAt + 20);
    running.workflow().abort("test done");
    running.outcome();

    assertEquals(700L, later.maxDowntimeMs(), later.toString());
  }

  @Test
  void tunedBandwidthLetsAStalledGuestConverge() {
    SimFleet.Running running = transferring(fleet.start(stuck(STALLED, false)));

    ControlResult result = running.workflow().tune(new TransferTuning(null, 4096L));
    MigrationOutcome outcome = running.outcome();

    assertTrue(result.bandwidthMiBps() > CAP_MIBPS, result.toString());
    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertFalse(outcome.stats().postcopy());
  }

  @Test
  void forceCompleteSwitchesToPostcopyWhenAllowed() {
    SimFleet.Running running = transferring(fleet.start(stuck(STALLED, true)));

    ControlResult result = running.workflow().forceComplete();
    MigrationOutcome outcome = running.outcome();

    assertTrue(result.postcopy(), result.toString());
    assertFalse(result.sourcePaused());
    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertTrue(outcome.stats().postcopy(), outcome.stats().toString());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(STALLED));
  }

  @Test
  void forceCompletePausesTheGuestWhenPostcopyIsNotAllowed() {
    SimFleet.Running running = transferring(fleet.start(stuck(STALLED, false)));

    ControlResult result = running.workflow().forceComplete();
    MigrationOutcome outcome = running.outcome();

    assertTrue(result.sourcePaused(), result.toString());
    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertFalse(outcome.stats().postcopy());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(STALLED));
  }

  @Test
  void abortRollsBackAndIsRefusedOnceTheMigrationEnded() {
    SimFleet.Running running = transferring(fleet.start(stuck(STALLED, false)));

    String answer = running.workflow().abort("maintenance postponed");
    MigrationOutcome outcome = running.outcome();

    assertTrue(answer.contains("rolls back"), answer);
    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertTrue(outcome.reason().contains("maintenance postponed"), outcome.reason());
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(STALLED));
    assertThrows(RuntimeException.class, () -> running.workflow().abort("again"));
  }

  @Test
  void controlsAreRefusedWhileNoTransferRunsAndChangeNothing() {
    fleet.cluster.faults().arm(Phase.PREPARE, WEB, Action.HANG, 1, Duration.ofSeconds(3));
    SimFleet.Running running = fleet.start(SimFleet.request(WEB, "sim-a", "sim-b"));
    running.awaitProgress(p -> p.phase() == Phase.PREPARE);

    WorkflowUpdateException tune =
        assertThrows(
            WorkflowUpdateException.class,
            () -> running.workflow().tune(new TransferTuning(500L, null)));
    WorkflowUpdateException force =
        assertThrows(WorkflowUpdateException.class, () -> running.workflow().forceComplete());
    MigrationOutcome outcome = running.outcome();

    for (WorkflowUpdateException refused : List.of(tune, force)) {
      ApplicationFailure why = assertInstanceOf(ApplicationFailure.class, refused.getCause());
      assertTrue(
          why.getOriginalMessage().contains("there is none (phase PREPARE)"), why.getMessage());
    }
    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(List.of(), running.workflow().progress().controls());
  }
}
