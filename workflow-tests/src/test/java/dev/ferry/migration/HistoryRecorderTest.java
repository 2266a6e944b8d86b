package dev.ferry.migration;

import static dev.ferry.migration.SimFleet.BUSY;
import static dev.ferry.migration.SimFleet.DB;
import static dev.ferry.migration.SimFleet.SLEEPER;
import static dev.ferry.migration.SimFleet.STALLED;
import static dev.ferry.migration.SimFleet.WEB;
import static dev.ferry.migration.SimFleet.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.convergence.ConvergencePresets;
import dev.ferry.hypervisor.sim.SimFaults.Action;
import dev.ferry.options.MigrationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Runs the scenarios whose histories the workflows module replays on every build. With {@code
 * -Dferry.recordHistories=true} it (re)writes them into {@code
 * workflows/src/test/resources/histories/}; otherwise it only runs the scenarios and checks their
 * outcomes, so a change that alters them is noticed here before the replay test fails.
 *
 * <p>Record again after an intended change to the workflow's commands: {@code mvn -B -q verify -pl
 * workflow-tests -am -Dtest=HistoryRecorderTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dferry.recordHistories=true}.
 */
class HistoryRecorderTest {
  private static final boolean RECORD = Boolean.getBoolean("ferry.recordHistories");

  /** Surefire runs each module's tests from the module's directory. */
  private static final Path HISTORIES =
      Path.of("..", "workflows", "src", "test", "resources", "histories");

  @Test
  void recordsHappyPath() throws IOException {
    record(
        "migrated", fleet -> fleet.migrate(request(WEB, "sim-a", "sim-b")), Outcome.MIGRATED, WEB);
  }

  @Test
  void recordsHappyPathWithSearchAttributesMemoAndSummaries() throws IOException {
    record(
        "migrated-inspected",
        fleet -> fleet.migrate(request(WEB, null, "sim-b")),
        Outcome.MIGRATED,
        WEB);
  }

  @Test
  void recordsAbortByConvergencePolicy() throws IOException {
    record(
        "not-converged",
        100,
        fleet ->
            fleet.migrate(
                new MigrationRequest(
                    STALLED,
                    "sim-a",
                    "sim-b",
                    MigrationOptions.builder()
                        .bandwidthMiBps(SimFleet.CAP_MIBPS)
                        .convergence(ConvergencePresets.named("minimal-downtime"))
                        .build(),
                    null)),
        Outcome.ROLLED_BACK,
        STALLED);
  }

  @Test
  void recordsRollbackAfterPerformFailure() throws IOException {
    record(
        "rolled-back-perform-failed",
        fleet -> {
          fleet.cluster.faults().arm(Phase.PERFORM, DB, Action.FAIL_PERMANENT, 0, Duration.ZERO);
          return fleet.migrate(request(DB, "sim-a", "sim-b"));
        },
        Outcome.ROLLED_BACK,
        DB);
  }

  @Test
  void recordsCancellationDuringPerform() throws IOException {
    record(
        "cancelled-during-perform",
        fleet -> startEndless(fleet).cancelAndAwaitOutcome(),
        Outcome.ROLLED_BACK,
        BUSY);
  }

  @Test
  void recordsCancelSignalDuringPerform() throws IOException {
    record(
        "cancel-signal-during-perform",
        fleet -> {
          SimFleet.Running running = startEndless(fleet);
          running.workflow().cancel("recorded");
          return running.outcome();
        },
        Outcome.ROLLED_BACK,
        BUSY);
  }

  /** The compensation path that hands prepare's undo to a cleanup workflow (a versioned change). */
  @Test
  void recordsPrepareUndoHandedOverWhenTheDestinationIsGone() throws IOException {
    record(
        "prepare-undo-handed-over",
        HistoryRecorderTest::destinationGoneAtPrepare,
        Outcome.ROLLED_BACK,
        DB);
  }

  /** The hand-over under the cleanup's id per guest and host (a versioned change). */
  @Test
  void recordsPrepareUndoHandedOverToTheCleanupOfTheGuestAndHost() throws IOException {
    record(
        "prepare-undo-handed-over-per-guest-and-host",
        HistoryRecorderTest::destinationGoneAtPrepare,
        Outcome.ROLLED_BACK,
        DB);
  }

  /** A namesake on the destination: perform refuses it, the rollback leaves it alone. */
  @Test
  void recordsRollbackAroundANamesakeOnTheDestination() throws IOException {
    record(
        "namesake-on-destination-rolled-back",
        fleet -> {
          fleet.namesakeAppearsAtPerform(SLEEPER, "sim-b");
          return fleet.migrate(request(SLEEPER, "sim-a", "sim-b"));
        },
        Outcome.ROLLED_BACK,
        SLEEPER);
  }

  private static MigrationOutcome destinationGoneAtPrepare(SimFleet fleet) {
    fleet
        .cluster
        .faults()
        .atPhase(Phase.PREPARE, DB, () -> fleet.cluster.setReachable("sim-b", false));
    return fleet.migrate(request(DB, "sim-a", "sim-b"));
  }

  private static SimFleet.Running startEndless(SimFleet fleet) {
    SimFleet.Running running = fleet.start(MigrationRefusalTest.slowRequest(BUSY, "sim-b"));
    running.awaitProgress(p -> p.phase() == Phase.PERFORM);
    SimFleet.await("the transfer runs", () -> fleet.cluster.whereIs(BUSY).containsKey("sim-b"));
    return running;
  }

  private static void record(
      String name, Function<SimFleet, MigrationOutcome> scenario, Outcome expected, String vm)
      throws IOException {
    record(name, 1000, scenario, expected, vm);
  }

  private static void record(
      String name,
      double speed,
      Function<SimFleet, MigrationOutcome> scenario,
      Outcome expected,
      String vm)
      throws IOException {
    try (SimFleet fleet = new SimFleet(speed)) {
      MigrationOutcome outcome = scenario.apply(fleet);
      assertEquals(expected, outcome.outcome(), outcome.reason());
      if (RECORD) {
        String json = fleet.client.fetchHistory(MigrationRequest.workflowIdFor(vm)).toJson(true);
        Files.createDirectories(HISTORIES);
        Files.writeString(HISTORIES.resolve(name + ".json"), json, StandardCharsets.UTF_8);
      }
    }
  }
}
