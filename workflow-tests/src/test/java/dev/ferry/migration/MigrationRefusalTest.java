package dev.ferry.migration;

import static dev.ferry.migration.SimFleet.BUSY;
import static dev.ferry.migration.SimFleet.GPU;
import static dev.ferry.migration.SimFleet.HUGE;
import static dev.ferry.migration.SimFleet.IDLE;
import static dev.ferry.migration.SimFleet.TWIN;
import static dev.ferry.migration.SimFleet.WEB;
import static dev.ferry.migration.SimFleet.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.failure.FailureType;
import dev.ferry.options.MigrationMode;
import dev.ferry.options.MigrationOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests the capability check refuses before anything changes on a host. */
class MigrationRefusalTest {
  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet();
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  static Stream<Arguments> refusedRequests() {
    return Stream.of(
        Arguments.of("unknown VM", request("ghost", "sim-a", "sim-b"), FailureType.VM_NOT_FOUND),
        Arguments.of(
            "unknown VM, source omitted",
            request("ghost", null, "sim-b"),
            FailureType.VM_NOT_FOUND),
        Arguments.of(
            "unknown destination", request(WEB, "sim-a", "sim-z"), FailureType.HOST_NOT_FOUND),
        Arguments.of("unknown source", request(WEB, "sim-y", "sim-b"), FailureType.HOST_NOT_FOUND),
        Arguments.of("same host", request(WEB, "sim-a", "sim-a"), FailureType.SAME_HOST),
        Arguments.of(
            "name taken on destination", request(TWIN, "sim-a", "sim-b"), FailureType.NAME_CLASH),
        Arguments.of(
            "renamed onto a taken name",
            new MigrationRequest(
                WEB,
                "sim-a",
                "sim-b",
                MigrationOptions.builder().destinationName(TWIN).build(),
                null),
            FailureType.NAME_CLASH),
        Arguments.of(
            "renamed, but the same UUID is on the destination",
            new MigrationRequest(
                TWIN,
                "sim-a",
                "sim-b",
                MigrationOptions.builder().destinationName("twin-renamed").build(),
                null),
            FailureType.NAME_CLASH),
        Arguments.of(
            "not enough memory", request(HUGE, "sim-c", "sim-b"), FailureType.INSUFFICIENT_MEMORY),
        Arguments.of(
            "passthrough device", request(GPU, "sim-a", "sim-b"), FailureType.PASSTHROUGH_DEVICE),
        Arguments.of(
            "options contradict each other",
            new MigrationRequest(
                WEB,
                "sim-a",
                "sim-b",
                MigrationOptions.builder().tunnelled(true).tls(true).build(),
                null),
            FailureType.INVALID_OPTIONS),
        Arguments.of(
            "live migration of a shut-off guest",
            new MigrationRequest(
                IDLE,
                "sim-a",
                "sim-b",
                MigrationOptions.builder().mode(MigrationMode.LIVE).build(),
                null),
            FailureType.INVALID_OPTIONS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedRequests")
  void refusesInCheckAndChangesNothing(String why, MigrationRequest request, FailureType type) {
    Map<String, Map<String, String>> before = fleet.snapshot();

    MigrationOutcome outcome = fleet.migrate(request);

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome());
    assertTrue(outcome.refused(), why);
    assertEquals(type, outcome.failureType(), outcome.reason());
    assertEquals(List.of(), outcome.compensations());
    assertEquals(List.of(Phase.CHECK), MigrationWorkflowTest.phases(outcome));
    assertEquals(before, fleet.snapshot());
  }

  @Test
  void aDestinationRefusingTheLoginRefusesAtOnceAndChangesNothing() {
    fleet.cluster.setRefusesLogin("sim-b", true);
    Map<String, Map<String, String>> before = fleet.snapshot();

    MigrationOutcome outcome = fleet.migrate(request(WEB, "sim-a", "sim-b"));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome());
    assertTrue(outcome.refused(), outcome.reason());
    assertEquals(FailureType.AUTH_FAILED, outcome.failureType(), outcome.reason());
    assertTrue(outcome.reason().contains("sim-b"), outcome.reason());
    PhaseTiming check = outcome.phases().get(0);
    assertTrue(
        check.endMillis() - check.startMillis() < Duration.ofMinutes(1).toMillis(),
        "the refused login was retried: " + outcome.phases());
    assertEquals(List.of(Phase.CHECK), MigrationWorkflowTest.phases(outcome));
    assertEquals(before, fleet.snapshot());
  }

  @Test
  void aHostRefusingTheLoginDoesNotHideTheGuestOnAnother() {
    fleet.cluster.setRefusesLogin("sim-c", true);

    MigrationOutcome outcome = fleet.migrate(request(WEB, null, "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals("sim-a", outcome.source());
  }

  @Test
  void findsSourceInInventoryWhenRequestOmitsIt() {
    MigrationOutcome outcome = fleet.migrate(request(WEB, null, "sim-b"));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals("sim-a", outcome.source());
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(WEB));
  }

  @Test
  void refusesSecondMigrationOfSameGuestWhileFirstIsOpen() {
    MigrationRequest first = slowRequest(BUSY, "sim-b");
    SimFleet.Running running = fleet.start(first);
    running.awaitProgress(p -> p.phase() == Phase.PERFORM);

    MigrationRequest second = request(BUSY, "sim-a", "sim-c");
    assertEquals(first.workflowId(), MigrationRequest.workflowIdFor(BUSY));
    MigrationWorkflow duplicate = fleet.stub(second);
    assertThrows(
        WorkflowExecutionAlreadyStarted.class,
        () -> WorkflowClient.start(duplicate::migrate, second));

    running.workflow().cancel("test done");
    MigrationOutcome outcome = running.outcome();
    assertEquals(Outcome.ROLLED_BACK, outcome.outcome());
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(BUSY));
  }

  /**
   * Capped below the guest's dirty rate, with a policy that never gives up, so the transfer runs
   * until it is cancelled.
   */
  static MigrationRequest slowRequest(String vm, String destination) {
    return new MigrationRequest(
        vm,
        "sim-a",
        destination,
        MigrationOptions.builder().bandwidthMiBps(32L).convergence(SimFleet.PATIENT).build(),
        null);
  }
}
