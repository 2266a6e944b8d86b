package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * What every fault case must end with, checked on the hosts with virsh and the guest's serial
 * console, independently of what ferry says: the guest runs on exactly one host, the one the
 * outcome names; it was not rebooted and its counter goes on; its definition is persistent there;
 * nothing of it (domain, pre-created image) is left on the other host; the workflow is closed.
 */
final class Invariants {
  private Invariants() {}

  /** A guest booted on the source, to be checked after a fault. */
  record Guest(String vm, String source, String destination, long counterBefore) {
    /** Boots the guest on the source and reads its counter. */
    static Guest boot(String vm, String source, String destination, String... options)
        throws Exception {
      Lab.guest(vm, source, options);
      return new Guest(vm, source, destination, Lab.counter(vm));
    }
  }

  /**
   * Checks the invariants against the outcome ferry reported.
   *
   * @return the outcome, {@code MIGRATED} or {@code ROLLED_BACK}
   */
  static String hold(FaultStack stack, Guest guest, JsonNode outcome) throws Exception {
    String result = outcome.path("outcome").asText();
    assertTrue(
        Set.of("MIGRATED", "ROLLED_BACK").contains(result),
        "closed MIGRATED or ROLLED_BACK: " + outcome);
    boolean migrated = result.equals("MIGRATED");
    String where = migrated ? guest.destination() : guest.source();
    String other = migrated ? guest.source() : guest.destination();
    String vm = guest.vm();

    assertEquals("running", Lab.state(where, vm), vm + " runs where the outcome says: " + outcome);
    assertEquals("absent", Lab.state(other, vm), vm + " left nothing on " + other);
    assertTrue(Lab.persistent(where, vm), vm + " is persistent on " + where);
    if (!migrated) {
      assertFalse(
          Lab.images(guest.destination()).contains(vm + ".qcow2"),
          "no pre-created image left on " + guest.destination());
    }
    // A guest that has just arrived has no counter line on its new host until one iteration of
    // its loop ends there, which under emulation on a loaded machine can take seconds.
    Lab.counterAbove(vm, guest.counterBefore(), Duration.ofSeconds(60));
    assertEquals(0, Lab.boots(vm, guest.destination()), vm + " never booted on the destination");
    assertEquals(1, Lab.boots(vm, guest.source()), vm + " booted once, on the source, at creation");

    JsonNode status = stack.json(0, "status", "migration-" + vm);
    assertEquals("DONE", status.path("phase").asText(), "workflow closed: " + status);
    assertEquals(result, status.path("outcome").asText(), status.toString());
    JsonNode doctor = stack.json(0, "doctor", vm);
    assertEquals("HEALTHY", doctor.path("verdict").asText(), doctor.toString());
    stack.saveHistory(vm);
    return result;
  }
}
