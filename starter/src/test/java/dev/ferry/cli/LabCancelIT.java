package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.Invariants.Guest;
import dev.ferry.migration.Phase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An operator's cancellation in every phase of a real migration: before the commit point it rolls
 * back, leaving nothing on the destination (not even an image prepare was about to create); past it
 * the migration completes.
 */
class LabCancelIT {
  private static final String PREFIX = "it-c-";
  private static FaultStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = FaultStack.start("cancel", LabSupport.startWithoutAliases());
    Lab.clean(PREFIX, "lab-1", "lab-2");
  }

  @AfterEach
  void removeGuests() throws Exception {
    Lab.clean(PREFIX, "lab-1", "lab-2");
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
      Lab.clean(PREFIX, "lab-1", "lab-2");
    }
  }

  /**
   * The worker is held at the start of the phase while the cancel signal arrives, then let go: the
   * step runs into a cancellation it has not seen yet, as a slow step would.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "check, ROLLED_BACK",
    "prepare, ROLLED_BACK",
    "finish, MIGRATED",
    "confirm, MIGRATED"
  })
  void cancellationRollsBackBeforeTheCommitPointAndIsIgnoredAfterIt(String phase, String expected)
      throws Exception {
    String vm = PREFIX + phase;
    Guest guest = Guest.boot(vm, "lab-1", "lab-2", Lab.SMALL_GUEST_LOCAL_DISK);
    String point = "before-" + phase;
    stack.hold(point, vm);

    stack.json(0, "migrate", vm, "--to", "lab-2", "--detach");
    stack.awaitHeld(point, vm, Duration.ofMinutes(2));
    FerryProcess.Result cancel = stack.run("cancel", vm, "--reason", "fault matrix");
    stack.release(point, vm);

    JsonNode outcome = watch(vm);
    assertEquals(expected, Invariants.hold(stack, guest, outcome), cancel.stderr() + outcome);
  }

  @Test
  void cancellationDuringTheTransferRollsBack() throws Exception {
    String vm = PREFIX + "perform";
    Guest guest = Guest.boot(vm, "lab-1", "lab-2", Lab.SMALL_GUEST_LOCAL_DISK);

    stack.json(0, "migrate", vm, "--to", "lab-2", "--bandwidth", "4", "--detach");
    stack.awaitProgress(
        vm,
        "the transfer to run",
        p -> p.phase() == Phase.PERFORM && p.dataProcessedBytes() != null);
    stack.run("cancel", vm, "--reason", "fault matrix");

    JsonNode outcome = watch(vm);
    assertEquals("ROLLED_BACK", Invariants.hold(stack, guest, outcome), outcome.toString());
  }

  private static JsonNode watch(String vm) throws Exception {
    FerryProcess.Result watched = stack.run("watch", "migration-" + vm, "--json");
    return FerryStack.JSON.readTree(watched.stdout());
  }
}
