package dev.ferry.migration;

import static dev.ferry.migration.SimFleet.DB;
import static dev.ferry.migration.SimFleet.DB_LOCAL_DISK;
import static dev.ferry.migration.SimFleet.WEB;
import static dev.ferry.migration.SimFleet.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.failure.FailureType;
import dev.ferry.hypervisor.sim.SimFaults.Action;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration workflow end to end under time skipping: real activities over the simulated driver,
 * with faults injected at the entry of each phase.
 */
class MigrationWorkflowTest {
  static final String UNDO_PERFORM = "rollbackPerform";
  static final String UNDO_PREPARE = "rollbackPrepare";

  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet();
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  @Test
  void migratesRunningGuestThroughEveryPhase() {
    MigrationOutcome outcome = fleet.migrate(request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    // "running" and not "running, transient": the definition is persistent on the destination.
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(WEB));
    assertEquals(
        List.of(Phase.CHECK, Phase.PREPARE, Phase.PERFORM, Phase.FINISH, Phase.CONFIRM),
        phases(outcome));
    assertTrue(outcome.phases().stream().allMatch(p -> p.result().equals("ok")));
    assertTrue(outcome.stats().dataTransferredBytes() > 0, outcome.stats().toString());
    assertTrue(outcome.stats().totalMillis() > 0, outcome.stats().toString());
    assertFalse(outcome.stats().reattached());
    assertEquals(List.of(), outcome.compensations());
    assertNull(outcome.failureType());
    assertFalse(outcome.refused());
    assertEquals("", outcome.reason());
  }

  @Test
  void copiesLocalDiskIntoImagePreCreatedOnDestination() {
    assertFalse(fleet.cluster.hasVolume("sim-b", DB_LOCAL_DISK));

    MigrationOutcome outcome = fleet.migrate(request(DB, "sim-a", "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(DB));
    assertTrue(fleet.cluster.hasVolume("sim-b", DB_LOCAL_DISK));
    long localDiskBytes = 512L * 1024 * 1024;
    long memoryBytes = 2048L * 1024 * 1024;
    assertEquals(memoryBytes + localDiskBytes, outcome.stats().dataTotalBytes());
  }

  @Test
  void deletesPreCreatedImageWhenPerformFailsAfterPrepare() {
    fleet.cluster.faults().arm(Phase.PERFORM, DB, Action.FAIL_PERMANENT, 0, Duration.ZERO);

    MigrationOutcome outcome = fleet.migrate(request(DB, "sim-a", "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome());
    assertEquals(List.of(UNDO_PERFORM, UNDO_PREPARE), undoSteps(outcome));
    assertFalse(fleet.cluster.hasVolume("sim-b", DB_LOCAL_DISK));
    assertTrue(fleet.cluster.hasVolume("sim-a", DB_LOCAL_DISK));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(DB));
  }

  /** The undo steps pass the fault hook as every other step does: a transient fault is retried. */
  @Test
  void retriesATransientFaultInTheRollback() {
    fleet.cluster.faults().arm(Phase.PERFORM, DB, Action.FAIL_PERMANENT, 0, Duration.ZERO);
    fleet.cluster.faults().arm(Phase.ROLLBACK, DB, Action.FAIL, 2, Duration.ZERO);

    MigrationOutcome outcome = fleet.migrate(request(DB, "sim-a", "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertEquals(List.of(UNDO_PERFORM, UNDO_PREPARE), undoSteps(outcome));
    assertFalse(fleet.cluster.hasVolume("sim-b", DB_LOCAL_DISK));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(DB));
  }

  /** A rollback that fails for good ends the migration needing attention, saying why. */
  @Test
  void needsAttentionWhenTheRollbackFailsPermanently() {
    fleet.cluster.faults().arm(Phase.PERFORM, WEB, Action.FAIL_PERMANENT, 0, Duration.ZERO);
    fleet.cluster.faults().arm(Phase.ROLLBACK, WEB, Action.FAIL_PERMANENT, 0, Duration.ZERO);

    MigrationOutcome outcome = fleet.migrate(request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.NEEDS_ATTENTION, outcome.outcome());
    assertTrue(
        outcome.reason().contains("then the rollback failed: injected fault in rollback of web"),
        outcome.reason());
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(WEB));
  }

  static Stream<Arguments> failuresBeforeCommit() {
    return Stream.of(
        Arguments.of(Phase.CHECK, List.of()),
        // The prepare undo is registered before prepare runs, so a failed prepare is undone too.
        Arguments.of(Phase.PREPARE, List.of(UNDO_PREPARE)),
        Arguments.of(Phase.PERFORM, List.of(UNDO_PERFORM, UNDO_PREPARE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failuresBeforeCommit")
  void rollsBackWhenStepBeforeCommitFailsPermanently(Phase phase, List<String> compensations) {
    fleet.cluster.faults().arm(phase, WEB, Action.FAIL_PERMANENT, 0, Duration.ZERO);

    MigrationOutcome outcome = fleet.migrate(request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome());
    assertEquals(FailureType.INJECTED_PERMANENT, outcome.failureType());
    assertFalse(outcome.refused());
    assertTrue(outcome.reason().contains("injected fault"), outcome.reason());
    assertEquals(compensations, undoSteps(outcome));
    if (compensations.contains(UNDO_PERFORM)) {
      assertTrue(outcome.compensations().get(0).contains("runs on the source"), outcome.toString());
    }
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(WEB));
    PhaseTiming failed =
        outcome.phases().stream().filter(p -> p.name() == phase).findFirst().orElseThrow();
    assertTrue(failed.result().contains("injected fault"), failed.result());
    assertFalse(phases(outcome).contains(Phase.FINISH));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Phase.class,
      names = {"CHECK", "PREPARE", "PERFORM", "FINISH", "CONFIRM"})
  void retriesTransientFailureAndStillMigrates(Phase phase) {
    fleet.cluster.faults().arm(phase, WEB, Action.FAIL, 1, Duration.ZERO);

    MigrationOutcome outcome = fleet.migrate(request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(List.of(), outcome.compensations());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(WEB));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Phase.class,
      names = {"FINISH", "CONFIRM"})
  void needsAttentionWithoutUndoWhenStepPastCommitFailsPermanently(Phase phase) {
    fleet.cluster.faults().arm(phase, WEB, Action.FAIL_PERMANENT, 0, Duration.ZERO);

    MigrationOutcome outcome = fleet.migrate(request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.NEEDS_ATTENTION, outcome.outcome());
    assertEquals(FailureType.NEEDS_ATTENTION, outcome.failureType());
    assertTrue(outcome.reason().startsWith("past the commit point"), outcome.reason());
    assertEquals(List.of(), outcome.compensations());
    assertFalse(phases(outcome).contains(Phase.ROLLBACK));
    assertEquals("running", fleet.cluster.whereIs(WEB).get("sim-b"));
    assertTrue(outcome.stats().dataTransferredBytes() > 0);
  }

  /** The undo steps that ran, without the words each one adds about what it did. */
  static List<String> undoSteps(MigrationOutcome outcome) {
    return outcome.compensations().stream().map(c -> c.split(":", 2)[0]).toList();
  }

  static List<Phase> phases(MigrationOutcome outcome) {
    return outcome.phases().stream().map(PhaseTiming::name).toList();
  }
}
