package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the capability check must refuse on real hosts: each exits 2, names the problem, and
 * leaves both hosts exactly as they were (same domains, same states, same images).
 */
class LabRefusalIT {
  private static final String PREFIX = "it-r-";
  private static final String VM = PREFIX + "guest";
  private static FerryStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = FerryStack.start("lab-refusal", LabSupport.start());
    Lab.clean(PREFIX, "lab-1", "lab-2");
    Lab.guest(VM, "lab-1", "--memory", "128", "--disk", "local", "--dirty", "1");
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
      Lab.clean(PREFIX, "lab-1", "lab-2");
    }
  }

  @Test
  void unknownVmIsRefusedBeforeStarting() throws Exception {
    String before = snapshot();
    JsonNode refusal = stack.json(2, "migrate", PREFIX + "nobody", "--to", "lab-2");
    assertTrue(refusal.get("refused").asBoolean(), refusal.toString());
    assertEquals("VM_NOT_FOUND", refusal.get("failureType").asText(), refusal.toString());
    assertEquals("name", refusal.get("field").asText(), refusal.toString());
    assertTrue(refusal.get("error").asText().contains("'it-r-nobody'"), refusal.toString());
    assertEquals(before, snapshot(), "nothing changed on either host");
    // Refused by the client before any workflow started: there is no migration to show.
    FerryProcess.Result status = stack.run("status", "migration-" + PREFIX + "nobody");
    assertTrue(status.exitCode() != 0, status.stdout() + status.stderr());
  }

  @Test
  void unknownHostIsRefusedBeforeStarting() throws Exception {
    String before = snapshot();
    FerryProcess.Result result = stack.run("migrate", VM, "--to", "lab-9");
    assertEquals(2, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("'lab-9'"), result.stderr());
    assertEquals(before, snapshot());
  }

  @Test
  void nameClashOnTheDestinationIsRefused() throws Exception {
    String clash = PREFIX + "clash";
    Lab.guest(clash, "lab-1", "--memory", "128", "--dirty", "1");
    Lab.define("lab-2", clash, "");
    JsonNode outcome = refused("migrate", clash, "--to", "lab-2", "--from", "lab-1");
    assertEquals("NAME_CLASH", outcome.get("failureType").asText());
  }

  @Test
  void notEnoughMemoryOnTheDestinationIsRefused() throws Exception {
    JsonNode outcome = refused("migrate", VM, "--to", LabSupport.SMALL_HOST);
    assertEquals("INSUFFICIENT_MEMORY", outcome.get("failureType").asText());
    assertTrue(outcome.get("reason").asText().contains("MiB"), outcome.toString());
  }

  @Test
  void passthroughDeviceIsRefused() throws Exception {
    String vm = PREFIX + "pci";
    Lab.define(
        "lab-1",
        vm,
        "<hostdev mode='subsystem' type='pci' managed='no'><source><address domain='0x0000'"
            + " bus='0x3b' slot='0x00' function='0x0'/></source></hostdev>");
    JsonNode outcome = refused("migrate", vm, "--to", "lab-2");
    assertEquals("PASSTHROUGH_DEVICE", outcome.get("failureType").asText());
  }

  /** Runs a migration that must be refused and checks that neither host changed. */
  private static JsonNode refused(String... args) throws Exception {
    String before = snapshot();
    JsonNode outcome = stack.json(2, args);
    assertEquals("ROLLED_BACK", outcome.get("outcome").asText(), outcome.toString());
    assertTrue(outcome.get("refused").asBoolean(), outcome.toString());
    assertEquals(before, snapshot(), "nothing changed on either host");
    return outcome;
  }

  private static String snapshot() throws Exception {
    StringBuilder state = new StringBuilder();
    for (String host : List.of("lab-1", "lab-2")) {
      for (String domain : Lab.domains(host)) {
        state
            .append(host)
            .append(' ')
            .append(domain)
            .append(' ')
            .append(Lab.state(host, domain))
            .append('\n');
      }
      state.append(host).append(" images ").append(Lab.images(host)).append('\n');
    }
    return state.toString();
  }
}
