package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operator controls on real transfers between real libvirt/QEMU hosts: {@code ferry tune}, {@code
 * ferry force-complete} and {@code ferry abort} act on the running libvirt job (checked with
 * virsh), and the migration ends as they say with the guest running exactly once.
 */
class LabControlsIT {
  private static final String PREFIX = "it-o-";
  @RegisterExtension static final LabStack LAB = new LabStack("lab-controls", PREFIX);

  /**
   * Starts migrating a guest that never converges on a 4 MiB/s link, under the default policy
   * (whose first step comes after several passes, a minute or more here), and waits until the
   * transfer is sampled.
   */
  private static String stuckTransfer(String name, String... options) throws Exception {
    String vm = PREFIX + name;
    Lab.guest(vm, "lab-1", "--memory", "192", "--dirty", "16");
    String[] args = {"migrate", vm, "--to", "lab-2", "--bandwidth", "4", "--detach"};
    String[] all = java.util.Arrays.copyOf(args, args.length + options.length);
    System.arraycopy(options, 0, all, args.length, options.length);
    LAB.stack().json(0, all);
    LAB.stack().waitForTransfer("migration-" + vm);
    return vm;
  }

  private static String virshValue(String host, String... args) throws Exception {
    Lab.Run run = Lab.virsh(host, args);
    assertEquals(0, run.exitCode(), run.out());
    return run.out().replaceAll("[^0-9]", "");
  }

  @Test
  void tuneChangesTheLiveJobAndForceCompletePausesTheGuestForTheRest() throws Exception {
    String vm = stuckTransfer("tune");
    long before = Lab.counter(vm);

    JsonNode tuned = LAB.stack().json(0, "tune", vm, "--max-downtime", "250", "--bandwidth", "6");

    assertEquals(250, tuned.get("maxDowntimeMs").asLong(), tuned.toString());
    assertEquals(6, tuned.get("bandwidthMiBps").asLong(), tuned.toString());
    assertEquals("250", virshValue("lab-1", "migrate-getmaxdowntime", vm));
    assertEquals("6", virshValue("lab-1", "migrate-getspeed", vm));

    JsonNode forced = LAB.stack().json(0, "force-complete", vm);
    JsonNode outcome = LAB.stack().json(0, "watch", vm);

    assertTrue(forced.get("sourcePaused").asBoolean(), forced.toString());
    assertEquals("MIGRATED", outcome.get("outcome").asText(), outcome.toString());
    assertEquals(2, outcome.get("controls").size(), outcome.toString());
    assertEquals("running", Lab.state("lab-2", vm), "resumed on the destination");
    assertEquals("absent", Lab.state("lab-1", vm));
    Lab.counterAbove(vm, before, Duration.ofSeconds(60));
    assertEquals(0, Lab.boots(vm, "lab-2"), "no boot on the destination: memory moved live");
  }

  @Test
  void forceCompleteSwitchesToPostcopyWhenTheMigrationAllowsIt() throws Exception {
    String vm = stuckTransfer("pc", "--postcopy");
    long before = Lab.counter(vm);

    JsonNode forced = LAB.stack().json(0, "force-complete", vm);
    JsonNode outcome = LAB.stack().json(0, "watch", vm);

    assertTrue(forced.get("postcopy").asBoolean(), forced.toString());
    assertEquals("MIGRATED", outcome.get("outcome").asText(), outcome.toString());
    assertTrue(outcome.get("stats").get("postcopy").asBoolean(), outcome.toString());
    assertEquals("running", Lab.state("lab-2", vm));
    assertEquals("absent", Lab.state("lab-1", vm));
    Lab.counterAbove(vm, before, Duration.ofSeconds(60));
  }

  @Test
  void abortRollsBackAndIsRefusedOnceTheMigrationHasEnded() throws Exception {
    String vm = stuckTransfer("abort");

    JsonNode outcome = LAB.stack().json(3, "abort", vm, "--reason", "window closed");
    FerryProcess.Result again = LAB.stack().run("abort", vm);

    assertEquals("ROLLED_BACK", outcome.get("outcome").asText(), outcome.toString());
    assertTrue(outcome.get("reason").asText().contains("window closed"), outcome.toString());
    assertEquals("running", Lab.state("lab-1", vm));
    assertEquals("absent", Lab.state("lab-2", vm));
    Lab.counterAbove(vm, Lab.counter(vm), Duration.ofSeconds(60));
    assertEquals(2, again.exitCode(), again.stdout() + again.stderr());
    assertTrue(again.stderr().contains("already ended"), again.stderr());
  }
}
