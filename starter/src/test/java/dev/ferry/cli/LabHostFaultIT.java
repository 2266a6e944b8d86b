package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.Invariants.Guest;
import dev.ferry.migration.Phase;
import io.temporal.client.WorkflowFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults of the hosts themselves during a real migration: a libvirt daemon killed and restarted,
 * the destination cut off the network and reconnected, the destination down while the check or the
 * prepare runs. Whatever ferry decides (roll back, or retry and complete), the guest must end up
 * running exactly once, where the outcome says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabHostFaultIT {
  private static final String PREFIX = "it-h-";
  private static final Duration REACH = Duration.ofMinutes(2);
  private static FaultStack stack;

  /** A stack whose inventory has a host that never answers, for the "never comes back" case. */
  private static FaultStack goneStack;

  private static Guest goneGuest;

  /**
   * The guest of the "destination gone during prepare" case: lab-3's daemon is killed as prepare
   * starts and stays dead until the migration has ended (the other cases restart lab-1 and lab-2
   * only).
   */
  private static Guest preparedGuest;

  @BeforeAll
  static void start() throws Exception {
    // lab-3 is the destination of the case whose host never comes back during prepare.
    Path inventory = LabSupport.startWithoutAliases(3);
    Lab.clean(PREFIX, "lab-1", "lab-2", "lab-3");
    stack = FaultStack.start("hostfault", inventory);
    // The check retries a host that does not answer for minutes before it gives up: that case is
    // started first and runs alongside the others.
    Path withGoneHost = FerryProcess.LOGS.resolve("lab-inventory-gone.yaml");
    Files.writeString(
        withGoneHost,
        Files.readString(inventory, StandardCharsets.UTF_8)
            + "  - name: lab-gone\n    uri: qemu+tcp://10.77.0.99/system\n"
            + "    migrationAddress: 10.77.0.99\n",
        StandardCharsets.UTF_8);
    goneStack = FaultStack.start("hostgone", withGoneHost);
    goneGuest = Guest.boot(PREFIX + "gone", "lab-1", "lab-gone", Lab.SMALL_GUEST);
    goneStack.json(0, "migrate", goneGuest.vm(), "--to", "lab-gone", "--detach");
    // Prepare then retries for its 5 minutes and its undo for 2 before the migration ends.
    preparedGuest =
        Guest.boot(PREFIX + "gone-prepare", "lab-1", "lab-3", Lab.SMALL_GUEST_LOCAL_DISK);
    stack.hold("before-prepare", preparedGuest.vm());
    stack.json(0, "migrate", preparedGuest.vm(), "--to", "lab-3", "--detach");
    stack.awaitHeld("before-prepare", preparedGuest.vm(), REACH);
    Lab.killDaemon("lab-3");
    stack.release("before-prepare", preparedGuest.vm());
  }

  /** Guests (and their images) of the cases that run alongside the others, kept between cases. */
  private static boolean runsAlongside(String name) {
    return name.equals(goneGuest.vm()) || name.startsWith(preparedGuest.vm());
  }

  /** Hosts and links are restored and guests removed whatever a case did. */
  @AfterEach
  void restore() throws Exception {
    Lab.link("lab-2", true);
    Lab.restartDaemons();
    for (String host : new String[] {"lab-1", "lab-2"}) {
      for (String domain : Lab.domains(host)) {
        if (domain.startsWith(PREFIX) && !runsAlongside(domain)) {
          Lab.virsh(host, "destroy", domain);
          Lab.virsh(host, "undefine", domain, "--remove-all-storage");
        }
      }
      for (String image : Lab.images(host)) {
        if (image.startsWith(PREFIX) && !runsAlongside(image)) {
          Lab.virsh(host, "vol-delete", image, "--pool", "default");
        }
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    Lab.link("lab-2", true);
    Lab.up(3);
    if (stack != null) {
      stack.close();
    }
    if (goneStack != null) {
      goneStack.close();
    }
    Lab.clean(PREFIX, "lab-1", "lab-2", "lab-3");
  }

  @Test
  @Order(1)
  void destinationDaemonKilledDuringTransferThenRestarted() throws Exception {
    Guest guest = startTransfer("dest-killed");
    Lab.killDaemon("lab-2");
    awaitPerformRetried(guest.vm());
    Lab.restartDaemons();
    finish(guest);
  }

  @Test
  @Order(2)
  void sourceDaemonKilledDuringTransferThenRestarted() throws Exception {
    Guest guest = startTransfer("source-killed");
    Lab.killDaemon("lab-1");
    awaitPerformRetried(guest.vm());
    Lab.restartDaemons();
    finish(guest);
  }

  /** Cut long enough for libvirt to give the transfer up, then reconnected. */
  @Test
  @Order(3)
  void destinationCutOffDuringTransferThenReconnected() throws Exception {
    Guest guest = startTransfer("link-cut");
    Lab.link("lab-2", false);
    FaultStack.await(
        "the source to give the cut-off transfer up",
        Duration.ofMinutes(2),
        () -> Lab.jobActive("lab-1", guest.vm()) ? Optional.empty() : Optional.of(true));
    Lab.link("lab-2", true);
    finish(guest);
  }

  @Test
  @Order(4)
  void destinationDaemonDownDuringCheckComesBack() throws Exception {
    String vm = PREFIX + "down-check";
    Guest guest = Guest.boot(vm, "lab-1", "lab-2", Lab.SMALL_GUEST);
    stack.hold("before-check", vm);
    stack.json(0, "migrate", vm, "--to", "lab-2", "--detach");
    stack.awaitHeld("before-check", vm, REACH);
    Lab.killDaemon("lab-2");
    stack.release("before-check", vm);
    awaitAttempts("before-check", vm, 2);
    Lab.restartDaemons();
    finish(guest);
  }

  @Test
  @Order(5)
  void destinationDaemonDownDuringPrepareComesBack() throws Exception {
    String vm = PREFIX + "down-prepare";
    Guest guest = Guest.boot(vm, "lab-1", "lab-2", Lab.SMALL_GUEST_LOCAL_DISK);
    stack.hold("before-prepare", vm);
    stack.json(0, "migrate", vm, "--to", "lab-2", "--detach");
    stack.awaitHeld("before-prepare", vm, REACH);
    Lab.killDaemon("lab-2");
    stack.release("before-prepare", vm);
    awaitAttempts("before-prepare", vm, 2);
    Lab.restartDaemons();
    finish(guest);
  }

  /**
   * The destination never answers: the check gives up after its retries and the migration is rolled
   * back with the guest untouched on the source.
   */
  @Test
  @Order(6)
  void destinationThatNeverAnswersDuringCheckRollsBack() throws Exception {
    FerryProcess.Result watched =
        FerryProcess.run(
            Duration.ofMinutes(8), goneStack.env, "watch", "migration-" + goneGuest.vm(), "--json");
    JsonNode outcome = FerryStack.JSON.readTree(watched.stdout());
    assertEquals("ROLLED_BACK", outcome.path("outcome").asText(), outcome.toString());
    assertTrue(outcome.path("reason").asText().contains("lab-gone"), outcome.toString());
    assertEquals("running", Lab.state("lab-1", goneGuest.vm()));
    assertTrue(Lab.persistent("lab-1", goneGuest.vm()));
    Lab.counterAbove(goneGuest.vm(), goneGuest.counterBefore(), Duration.ofSeconds(60));
    assertEquals(1, Lab.boots(goneGuest.vm(), "lab-1"));
  }

  /**
   * lab-3 died as prepare began and has not come back: the migration ends rolled back within
   * minutes (not after the hours a rollback may retry for), the guest never left lab-1, and the
   * cleanup of what prepare was to create on lab-3 waits for it in a workflow of its own. Once
   * lab-3 is back, the same guest is migrated there again: the pending cleanup must not delete the
   * disk the guest now runs on.
   */
  @Test
  @Order(7)
  void destinationGoneDuringPrepareEndsRolledBackAndItsCleanupWaitsForTheHost() throws Exception {
    String vm = preparedGuest.vm();
    FerryProcess.Result watched =
        FerryProcess.run(Duration.ofMinutes(12), stack.env, "watch", "migration-" + vm, "--json");
    JsonNode outcome = FerryStack.JSON.readTree(watched.stdout());
    assertEquals("ROLLED_BACK", outcome.path("outcome").asText(), outcome.toString());
    assertTrue(outcome.path("reason").asText().contains("lab-3"), outcome.toString());
    Matcher cleanup =
        Pattern.compile("workflow (cleanup-\\S+)")
            .matcher(outcome.path("compensations").path(0).asText());
    assertTrue(cleanup.find(), "prepare's undo handed over: " + outcome);

    Lab.up(3);
    assertEquals("ROLLED_BACK", Invariants.hold(stack, preparedGuest, outcome));
    assertEquals("cleanup-" + vm + "-lab-3", cleanup.group(1), "one cleanup per guest and host");

    // The same guest migrated to lab-3 again while that cleanup is still pending: its prepare
    // settles the cleanup and owns the image it creates, so the guest's disk there outlives it.
    JsonNode again = stack.json(0, "migrate", vm, "--to", "lab-3");
    try {
      stack
          .client
          .newUntypedWorkflowStub(cleanup.group(1))
          .getResult(5, TimeUnit.MINUTES, Void.class);
    } catch (WorkflowFailedException settled) {
      // Cancelled by the later migration's prepare.
    }
    Guest arrived = new Guest(vm, "lab-1", "lab-3", preparedGuest.counterBefore());
    assertEquals("MIGRATED", Invariants.hold(stack, arrived, again), again.toString());
    Lab.Run disk = Lab.diskcheck(vm, "lab-3", "local");
    assertEquals(0, disk.exitCode(), "the guest's disk on lab-3 is intact: " + disk.out());
  }

  /** Boots a guest and starts a capped transfer of it to lab-2; returns once data moves. */
  private static Guest startTransfer(String name) throws Exception {
    String vm = PREFIX + name;
    Guest guest = Guest.boot(vm, "lab-1", "lab-2", Lab.SMALL_GUEST);
    stack.json(0, "migrate", vm, "--to", "lab-2", "--bandwidth", "4", "--detach");
    stack.awaitProgress(
        vm,
        "the transfer of " + vm + " to run",
        p -> p.phase() == Phase.PERFORM && p.dataProcessedBytes() != null);
    return guest;
  }

  /**
   * Waits until ferry noticed the transfer failing: perform runs again (its next attempt passes the
   * hook) or the migration went on to its rollback.
   */
  private static void awaitPerformRetried(String vm) throws Exception {
    FaultStack.await(
        "ferry to notice the failed transfer of " + vm,
        REACH,
        () -> {
          long attempts =
              stack.points().stream()
                  .filter(p -> p.point().equals("before-perform") && p.vm().equals(vm))
                  .count();
          boolean rollingBack =
              stack.progress(vm).map(p -> p.phase() != Phase.PERFORM).orElse(false);
          return attempts >= 2 || rollingBack ? Optional.of(true) : Optional.empty();
        });
  }

  private static void awaitAttempts(String point, String vm, int attempts) throws Exception {
    FaultStack.await(
        attempts + " attempts at " + point + " of " + vm,
        REACH,
        () ->
            stack.points().stream()
                        .filter(p -> p.point().equals(point) && p.vm().equals(vm))
                        .count()
                    >= attempts
                ? Optional.of(true)
                : Optional.empty());
  }

  private static void finish(Guest guest) throws Exception {
    FerryProcess.Result watched =
        FerryProcess.run(
            Duration.ofMinutes(6), stack.env, "watch", "migration-" + guest.vm(), "--json");
    JsonNode outcome = FerryStack.JSON.readTree(watched.stdout());
    String result = Invariants.hold(stack, guest, outcome);
    System.out.printf("%s ended %s: %s%n", guest.vm(), result, outcome.path("reason").asText());
  }
}
