package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.Invariants.Guest;
import dev.ferry.migration.Phase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ferry's fences on real hosts, where names and timing mislead: a perform attempt that stalled and
 * was superseded starts nothing when it wakes up, and a domain of the guest's name but another UUID
 * on the destination is never taken for the guest, paused or destroyed.
 */
class LabFenceIT {
  private static final String PREFIX = "it-f-";
  private static final Duration REACH = Duration.ofMinutes(2);
  private static FaultStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = FaultStack.start("fence", LabSupport.startWithoutAliases());
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
   * A perform attempt stalls (SIGSTOP) after it observed the hosts, right before it would start the
   * transfer; its heartbeats stop, another worker takes perform over and starts the transfer, the
   * operator cancels, and the migration rolls back and ends. Then the stalled worker goes on
   * (SIGCONT): it reads the rollback's mark on the source and starts nothing, so the guest stays on
   * the source, running once.
   */
  @Test
  void aStalledPerformAttemptResumedAfterTheRollbackStartsNothing() throws Exception {
    String vm = PREFIX + "stale";
    Guest guest = Guest.boot(vm, "lab-1", "lab-2", Lab.SMALL_GUEST);
    stack.hold("before-transfer", vm);
    stack.json(0, "migrate", vm, "--to", "lab-2", "--bandwidth", "4", "--detach");
    long stalled = stack.awaitHeld("before-transfer", vm, REACH);
    signal(stalled, "STOP");
    try {
      stack.release("before-transfer", vm);
      stack.startWorker();
      stack.awaitProgress(
          vm,
          "the next perform attempt to run the transfer",
          p -> p.phase() == Phase.PERFORM && p.dataProcessedBytes() != null);
      stack.run("cancel", vm, "--reason", "fault matrix");
      JsonNode outcome = watch(vm);
      assertEquals("ROLLED_BACK", outcome.path("outcome").asText(), outcome.toString());
    } finally {
      signal(stalled, "CONT");
    }
    FaultStack.await(
        "the stalled attempt to find itself superseded",
        Duration.ofMinutes(1),
        () ->
            stack.workerLogCount("perform attempt of " + vm + " is superseded") > 0
                ? Optional.of(true)
                : Optional.empty());
    // Long enough for a transfer the stalled attempt had started to show as a job.
    Thread.sleep(3000);
    assertFalse(Lab.jobActive("lab-1", vm), "no transfer started after the rollback");
    JsonNode outcome = watch(vm);
    assertEquals("ROLLED_BACK", Invariants.hold(stack, guest, outcome), outcome.toString());
  }

  /**
   * A guest its operator paused; once the check has passed, a running domain of the same name but
   * another UUID appears on the destination. perform refuses to count it as the migrated guest, the
   * rollback touches neither domain, and each stays as it was: the guest paused on lab-1, the
   * namesake running on lab-2.
   */
  @Test
  void aNamesakeOnTheDestinationIsNeverTakenForTheGuestNorTouched() throws Exception {
    String vm = PREFIX + "sleeper";
    Lab.guest(vm, "lab-1", Lab.SMALL_GUEST);
    assertEquals(0, Lab.virsh("lab-1", "suspend", vm).exitCode());
    String guestUuid = uuid("lab-1", vm);
    stack.hold("before-perform", vm);
    stack.json(0, "migrate", vm, "--to", "lab-2", "--detach");
    stack.awaitHeld("before-perform", vm, REACH);
    // A diskless domain: it runs (in its firmware) without booting anything.
    Lab.define("lab-2", vm, "");
    Lab.Run started = Lab.virsh("lab-2", "start", vm);
    assertEquals(0, started.exitCode(), started.out());
    String namesakeUuid = uuid("lab-2", vm);
    stack.release("before-perform", vm);

    JsonNode outcome = watch(vm);

    assertEquals("ROLLED_BACK", outcome.path("outcome").asText(), outcome.toString());
    assertEquals("NOT_OURS", outcome.path("failureType").asText(), outcome.toString());
    assertEquals("paused", Lab.state("lab-1", vm), "the guest is still paused on its source");
    assertEquals(guestUuid, uuid("lab-1", vm));
    assertEquals("running", Lab.state("lab-2", vm), "the namesake still runs");
    assertEquals(namesakeUuid, uuid("lab-2", vm));
  }

  private static String uuid(String host, String vm) throws Exception {
    Lab.Run run = Lab.virsh(host, "domuuid", vm);
    assertEquals(0, run.exitCode(), run.out());
    return run.out().strip();
  }

  private static void signal(long pid, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
  }

  private static JsonNode watch(String vm) throws Exception {
    FerryProcess.Result watched = stack.run("watch", "migration-" + vm, "--json");
    return FerryStack.JSON.readTree(watched.stdout());
  }
}
