package dev.ferry.migration;

import static dev.ferry.migration.MigrationWorkflowTest.UNDO_PERFORM;
import static dev.ferry.migration.MigrationWorkflowTest.UNDO_PREPARE;
import static dev.ferry.migration.MigrationWorkflowTest.undoSteps;
import static dev.ferry.migration.SimFleet.BUSY;
import static dev.ferry.migration.SimFleet.IDLE;
import static dev.ferry.migration.SimFleet.WEB;
import static dev.ferry.migration.SimFleet.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.options.MigrationFlag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interruptions in the middle of the transfer: cancellation, a dead destination, a lost confirm;
 * and the offline path that moves only a definition.
 */
class MigrationRecoveryTest {
  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet();
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  /** Starts the never-converging guest toward sim-b and waits until its transfer runs. */
  private SimFleet.Running startEndlessTransfer() {
    SimFleet.Running running = fleet.start(MigrationRefusalTest.slowRequest(BUSY, "sim-b"));
    running.awaitProgress(p -> p.phase() == Phase.PERFORM);
    SimFleet.await(
        "the incoming copy appears on sim-b",
        () -> fleet.cluster.whereIs(BUSY).containsKey("sim-b"));
    assertEquals("paused (migration), transient", fleet.cluster.whereIs(BUSY).get("sim-b"));
    return running;
  }

  @Test
  void rollsBackWhenWorkflowIsCancelledDuringPerform() {
    SimFleet.Running running = startEndlessTransfer();

    MigrationOutcome outcome = running.cancelAndAwaitOutcome();

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome());
    assertTrue(outcome.reason().contains("cancelled"), outcome.reason());
    assertEquals(List.of(UNDO_PERFORM, UNDO_PREPARE), undoSteps(outcome));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(BUSY));
  }

  @Test
  void rollsBackAndReturnsOutcomeWhenCancelSignalArrivesDuringPerform() {
    SimFleet.Running running = startEndlessTransfer();

    running.workflow().cancel("maintenance window closed");
    MigrationOutcome outcome = running.outcome();

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome());
    assertTrue(outcome.reason().contains("maintenance window closed"), outcome.reason());
    assertFalse(outcome.refused());
    assertEquals(List.of(UNDO_PERFORM, UNDO_PREPARE), undoSteps(outcome));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(BUSY));
  }

  @Test
  void rollsBackWhenDestinationDiesDuringPerform() {
    fleet.cluster.faults().destinationDiesAt(BUSY, 30);
    // The perform retries against the dead host and gives up after minutes of back-off; the
    // rollback then waits for the host, which comes back after ten (skipped) minutes.
    fleet.env.registerDelayedCallback(
        Duration.ofMinutes(10), () -> fleet.cluster.setReachable("sim-b", true));

    MigrationOutcome outcome = fleet.migrate(MigrationRefusalTest.slowRequest(BUSY, "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertFalse(outcome.refused());
    assertTrue(outcome.reason().contains("sim-b"), outcome.reason());
    PhaseTiming check = outcome.phases().get(0);
    PhaseTiming rollback =
        outcome.phases().stream().filter(p -> p.name() == Phase.ROLLBACK).findFirst().orElseThrow();
    assertTrue(
        rollback.endMillis() - check.startMillis() >= Duration.ofMinutes(10).toMillis(),
        "the rollback finished before the destination came back: " + outcome.phases());
    assertEquals(List.of(UNDO_PERFORM, UNDO_PREPARE), undoSteps(outcome));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(BUSY));
  }

  @Test
  void rollsForwardWhenConfirmIsLost() {
    fleet.cluster.faults().loseConfirm(WEB);

    MigrationOutcome outcome = fleet.migrate(request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertTrue(outcome.stats().reattached(), outcome.stats().toString());
    assertEquals(List.of(), outcome.compensations());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(WEB));
  }

  @Test
  void movesDefinitionOfShutOffGuestOffline() {
    MigrationOutcome outcome = fleet.migrate(request(IDLE, "sim-a", "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Map.of("sim-b", "shut_off"), fleet.cluster.whereIs(IDLE));
    MigrationProgress progress =
        fleet.client.newWorkflowStub(MigrationWorkflow.class, outcome.workflowId()).progress();
    assertTrue(progress.plan().resolved().has(MigrationFlag.OFFLINE));
    assertFalse(progress.plan().resolved().has(MigrationFlag.LIVE));
  }
}
