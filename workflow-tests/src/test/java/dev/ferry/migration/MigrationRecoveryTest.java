package dev.ferry.migration;

import static dev.ferry.migration.MigrationWorkflowTest.UNDO_PERFORM;
import static dev.ferry.migration.MigrationWorkflowTest.UNDO_PREPARE;
import static dev.ferry.migration.MigrationWorkflowTest.undoSteps;
import static dev.ferry.migration.SimFleet.BUSY;
import static dev.ferry.migration.SimFleet.DB;
import static dev.ferry.migration.SimFleet.IDLE;
import static dev.ferry.migration.SimFleet.SLEEPER;
import static dev.ferry.migration.SimFleet.WEB;
import static dev.ferry.migration.SimFleet.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.options.MigrationFlag;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    MigrationOutcome outcome = fleet.migrate(MigrationRefusalTest.slowRequest(BUSY, "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertFalse(outcome.refused());
    assertTrue(outcome.reason().contains("sim-b"), outcome.reason());
    assertEquals(List.of(UNDO_PERFORM, UNDO_PREPARE), undoSteps(outcome));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(BUSY));
    // The source shows the guest never left; only prepare's undo needs sim-b, and it waits for
    // the host in a workflow of its own.
    awaitCleanupOnceBack(outcome.compensations().get(1), Duration.ofMinutes(10));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(BUSY));
  }

  /**
   * The destination goes away for good while prepare runs, after its image was created: the
   * migration must end (rolled back, the guest never left its source) instead of retrying the undo
   * for hours, and the image is removed by the cleanup workflow once the host is back.
   */
  @Test
  void destinationGoneDuringPrepareEndsTheMigrationAndHandsTheCleanupOver() {
    String image = SimFleet.DB_LOCAL_DISK;
    afterPrepareSimB(() -> fleet.cluster.setReachable("sim-b", false));

    MigrationOutcome outcome = fleet.migrate(request(DB, "sim-a", "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertTrue(outcome.reason().contains("sim-b"), outcome.reason());
    PhaseTiming check = outcome.phases().get(0);
    PhaseTiming last = outcome.phases().get(outcome.phases().size() - 1);
    assertTrue(
        last.endMillis() - check.startMillis() < Duration.ofMinutes(30).toMillis(),
        "the migration waited for the gone destination: " + outcome.phases());
    assertEquals(List.of(UNDO_PREPARE), undoSteps(outcome));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(DB));
    assertTrue(fleet.cluster.hasVolume("sim-b", image), "the image cannot go while sim-b is away");

    awaitCleanupOnceBack(outcome.compensations().get(0), Duration.ofHours(3));
    assertFalse(fleet.cluster.hasVolume("sim-b", image), "the cleanup removed the image");
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(DB));
  }

  /**
   * A handed-over cleanup runs its activity as the migration runs its own undo of prepare: through
   * the fault hook (its {@link Phase#ROLLBACK} points) and with the same summary.
   */
  @Test
  void aHandedOverCleanupPassesTheFaultHookAndShowsTheSummaryOfTheUndo() {
    afterPrepareSimB(() -> fleet.cluster.setReachable("sim-b", false));
    MigrationOutcome outcome = fleet.migrate(request(DB, "sim-a", "sim-b"));
    Matcher handedOver =
        Pattern.compile("workflow (cleanup-\\S+)").matcher(outcome.compensations().get(0));
    assertTrue(handedOver.find(), outcome.compensations().toString());
    String cleanupId = handedOver.group(1);
    List<String> passedBy = new CopyOnWriteArrayList<>();
    fleet
        .cluster
        .faults()
        .atPhaseEnd(
            Phase.ROLLBACK,
            DB,
            () -> passedBy.add(Activity.getExecutionContext().getInfo().getWorkflowId()));

    awaitCleanupOnceBack(outcome.compensations().get(0), Duration.ofHours(1));

    assertEquals(List.of(cleanupId), passedBy);
    List<String> summaries =
        fleet.client.fetchHistory(cleanupId).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .map(
                e ->
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                        e.getUserMetadata().getSummary(), String.class, String.class))
            .toList();
    assertEquals(List.of("remove what was prepared on db to sim-b"), summaries);
  }

  /**
   * A cleanup handed over after a failed prepare meets a later migration of the same guest to the
   * same host: that migration settles it before its own prepare, takes the image over, and the
   * guest runs there on its disk, which no cleanup deletes afterwards.
   */
  @Test
  void aHandedOverCleanupNeverDeletesTheDiskOfALaterMigrationOfTheGuest() {
    String image = SimFleet.DB_LOCAL_DISK;
    afterPrepareSimB(() -> fleet.cluster.setReachable("sim-b", false));
    MigrationOutcome first = fleet.migrate(request(DB, "sim-a", "sim-b"));
    assertEquals(Outcome.ROLLED_BACK, first.outcome(), first.reason());
    Matcher handedOver =
        Pattern.compile("workflow (cleanup-\\S+)").matcher(first.compensations().get(0));
    assertTrue(handedOver.find(), first.compensations().toString());
    assertEquals("cleanup-db-sim-b", handedOver.group(1), "one cleanup id per guest and host");

    fleet.cluster.setReachable("sim-b", true);
    MigrationOutcome later = fleet.migrate(request(DB, "sim-a", "sim-b"));

    assertEquals(Outcome.MIGRATED, later.outcome(), later.reason());
    // Cancelled by the later prepare, or run to its end before it: either way it has ended,
    // and nothing of it outlives the later migration's disk.
    try {
      fleet.client.newUntypedWorkflowStub(handedOver.group(1)).getResult(Void.class);
    } catch (WorkflowFailedException cancelled) {
      Throwable cause = cancelled.getCause();
      while (cause != null && !(cause instanceof CanceledFailure)) {
        cause = cause.getCause();
      }
      assertInstanceOf(
          CanceledFailure.class, cause, "ended only by its cancellation: " + cancelled);
    }
    assertTrue(fleet.cluster.hasVolume("sim-b", image), "the running guest's disk is still there");
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(DB));
  }

  /**
   * A guest its operator paused, and a domain of the same name but another UUID defined on the
   * destination once the check has passed: perform refuses to count it as the migrated guest, the
   * rollback touches neither, and each guest stays as it was.
   */
  @Test
  void aNamesakeOnTheDestinationIsNeverTakenForTheGuestNorTouched() {
    fleet
        .cluster
        .faults()
        .atPhase(
            Phase.PERFORM,
            SLEEPER,
            () ->
                fleet.cluster.addStranger("sim-b", SLEEPER, "/var/lib/libvirt/images/other.qcow2"));

    MigrationOutcome outcome = fleet.migrate(request(SLEEPER, "sim-a", "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertEquals(FailureType.NOT_OURS, outcome.failureType(), outcome.reason());
    assertTrue(outcome.reason().contains("not this migration's guest"), outcome.reason());
    assertEquals(
        Map.of("sim-a", "paused (user)", "sim-b", "running"), fleet.cluster.whereIs(SLEEPER));
  }

  /**
   * The destination refuses ferry's login while prepare runs, after its image was created: no retry
   * can fix a password, so neither prepare nor its undo waits for one; the migration ends needing
   * attention at once, naming the host, with the guest untouched on its source.
   */
  @Test
  void destinationRefusingTheLoginDuringPrepareNeedsAttentionAtOnce() {
    afterPrepareSimB(() -> fleet.cluster.setRefusesLogin("sim-b", true));

    MigrationOutcome outcome = fleet.migrate(request(DB, "sim-a", "sim-b"));

    assertEquals(Outcome.NEEDS_ATTENTION, outcome.outcome(), outcome.reason());
    assertTrue(outcome.reason().contains("rollback failed"), outcome.reason());
    assertTrue(outcome.reason().contains("cannot log in to host sim-b"), outcome.reason());
    assertEquals(List.of(), outcome.compensations(), "no cleanup handed over");
    assertTakesUnderAMinute(outcome);
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(DB));
  }

  /**
   * A handed-over cleanup whose destination comes back refusing the login ends at once, as needing
   * attention, naming the host: it does not retry the login for the week it would wait for a host.
   */
  @Test
  void handedOverCleanupMeetingARefusedLoginEndsNeedingAttention() {
    String image = SimFleet.DB_LOCAL_DISK;
    afterPrepareSimB(() -> fleet.cluster.setReachable("sim-b", false));
    MigrationOutcome outcome = fleet.migrate(request(DB, "sim-a", "sim-b"));
    Matcher handedOver =
        Pattern.compile("workflow (cleanup-\\S+)").matcher(outcome.compensations().get(0));
    assertTrue(handedOver.find(), outcome.compensations().toString());
    fleet.cluster.setRefusesLogin("sim-b", true);
    fleet.env.registerDelayedCallback(
        Duration.ofHours(1), () -> fleet.cluster.setReachable("sim-b", true));

    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () -> fleet.client.newUntypedWorkflowStub(handedOver.group(1)).getResult(Void.class));

    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals("NEEDS_ATTENTION", cause.getType());
    assertTrue(cause.getOriginalMessage().contains("were not removed"), cause.getMessage());
    assertTrue(cause.getOriginalMessage().contains("cannot log in to host sim-b"));
    assertTrue(fleet.cluster.hasVolume("sim-b", image), "the image waits for a person");
  }

  /** A rollback that meets a refused login does not retry it for hours: a person is asked. */
  @Test
  void rollbackMeetingARefusedLoginNeedsAttentionAtOnce() {
    SimFleet.Running running = startEndlessTransfer();
    fleet.cluster.setRefusesLogin("sim-b", true);

    MigrationOutcome outcome = running.cancelAndAwaitOutcome();

    assertEquals(Outcome.NEEDS_ATTENTION, outcome.outcome(), outcome.reason());
    assertTrue(outcome.reason().contains("cannot log in to host sim-b"), outcome.reason());
    assertTrue(outcome.phases().size() > 1, outcome.phases().toString());
    PhaseTiming rollback = outcome.phases().get(outcome.phases().size() - 1);
    assertEquals(Phase.ROLLBACK, rollback.name());
    assertTrue(
        rollback.endMillis() - rollback.startMillis() < Duration.ofMinutes(1).toMillis(),
        "the rollback retried the refused login: " + outcome.phases());
    assertEquals("running", fleet.cluster.whereIs(BUSY).get("sim-a"));
  }

  private static void assertTakesUnderAMinute(MigrationOutcome outcome) {
    PhaseTiming first = outcome.phases().get(0);
    PhaseTiming last = outcome.phases().get(outcome.phases().size() - 1);
    assertTrue(
        last.endMillis() - first.startMillis() < Duration.ofMinutes(1).toMillis(),
        "a refused login was retried: " + outcome.phases());
  }

  /**
   * Once prepare has created DB's image on sim-b, sim-b fails as {@code fault} says and prepare's
   * attempt with it, as a host that went away mid-step would.
   */
  private void afterPrepareSimB(Runnable fault) {
    fleet
        .cluster
        .faults()
        .atPhaseEnd(
            Phase.PREPARE,
            DB,
            () -> {
              fault.run();
              throw new FerryException(FailureType.HOST_UNREACHABLE, "sim-b went away");
            });
  }

  /**
   * Checks that the compensation handed prepare's undo to a cleanup workflow of this migration,
   * brings sim-b back after a while and waits (time skipping) for that workflow to finish.
   */
  private void awaitCleanupOnceBack(String compensation, Duration away) {
    Matcher handedOver = Pattern.compile("workflow (cleanup-\\S+)").matcher(compensation);
    assertTrue(handedOver.find(), compensation);
    String cleanupId = handedOver.group(1);
    assertTrue(cleanupId.matches("cleanup-[a-z]+-sim-b"), cleanupId);
    fleet.env.registerDelayedCallback(away, () -> fleet.cluster.setReachable("sim-b", true));
    fleet.client.newUntypedWorkflowStub(cleanupId).getResult(Void.class);
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
