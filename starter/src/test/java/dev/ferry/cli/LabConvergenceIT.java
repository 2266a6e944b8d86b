package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real guests that never converge by themselves, on real libvirt/QEMU hosts: each rewrites more
 * memory per second than its capped link carries. Every migration still ends, the way its
 * convergence policy or the operator's control says, and the guest runs exactly once afterwards.
 */
class LabConvergenceIT {
  private static final String PREFIX = "it-c-";

  /** Far below what the guest dirties (tens of MiB/s under emulation). */
  private static final String CAP_MIBPS = "4";

  @RegisterExtension static final LabStack LAB = new LabStack("lab-convergence", PREFIX);

  /** A running guest that keeps rewriting 16 MiB of its memory. */
  private static String busyGuest(String name) throws Exception {
    String vm = PREFIX + name;
    Lab.guest(vm, "lab-1", "--memory", "192", "--dirty", "16");
    return vm;
  }

  private static List<String> actions(JsonNode outcome) {
    List<String> actions = new ArrayList<>();
    outcome.get("steps").forEach(step -> actions.add(step.get("action").asText()));
    return actions;
  }

  /** Where the guest runs, that it did not reboot there, and that it keeps counting. */
  private static void assertRunsOnlyOn(String host, String other, String vm, long before)
      throws Exception {
    assertEquals("running", Lab.state(host, vm));
    assertEquals("absent", Lab.state(other, vm));
    Lab.counterAbove(vm, before, Duration.ofSeconds(60));
    assertEquals(0, Lab.boots(vm, "lab-2"), "no boot on lab-2: the guest's memory moved live");
  }

  @Test
  void policyWithPostcopyCompletesAGuestThatNeverConverges() throws Exception {
    String vm = busyGuest("postcopy");
    long before = Lab.counter(vm);

    JsonNode outcome =
        LAB.stack()
            .json(
                0,
                "migrate",
                vm,
                "--to",
                "lab-2",
                "--bandwidth",
                CAP_MIBPS,
                "--convergence",
                "allow-postcopy");

    assertEquals("MIGRATED", outcome.get("outcome").asText(), outcome.toString());
    assertEquals(List.of("RAISE_MAX_DOWNTIME", "POSTCOPY"), actions(outcome));
    assertTrue(outcome.get("stats").get("postcopy").asBoolean(), outcome.toString());
    assertRunsOnlyOn("lab-2", "lab-1", vm, before);
  }

  @Test
  void policyWithoutPostcopyAbortsAndTheGuestStaysOnTheSource() throws Exception {
    String vm = busyGuest("abort");

    JsonNode outcome =
        LAB.stack()
            .json(
                3,
                "migrate",
                vm,
                "--to",
                "lab-2",
                "--bandwidth",
                CAP_MIBPS,
                "--convergence",
                "minimal-downtime");

    assertEquals("ROLLED_BACK", outcome.get("outcome").asText(), outcome.toString());
    assertEquals("NOT_CONVERGED", outcome.get("failureType").asText(), outcome.toString());
    assertEquals("ABORT", actions(outcome).get(actions(outcome).size() - 1), outcome.toString());
    assertRunsOnlyOn("lab-1", "lab-2", vm, Lab.counter(vm));
  }
}
