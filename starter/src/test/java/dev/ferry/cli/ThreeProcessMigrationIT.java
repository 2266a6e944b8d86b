package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dev server, a worker and the CLI as three separate processes, through {@code bin/ferry},
 * migrating simulated VMs from {@code examples/sim.yaml}.
 */
class ThreeProcessMigrationIT {
  private static FerryStack stack;

  @BeforeAll
  static void startServerAndWorker() throws Exception {
    stack = FerryStack.start("sim", FerryProcess.ROOT.resolve("examples/sim.yaml"));
  }

  @AfterAll
  static void stopAll() throws InterruptedException {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void migratesAVmThroughSeparateProcesses() throws Exception {
    JsonNode outcome = stack.json(0, "migrate", "web1", "--to", "sim-b");

    assertEquals("migration-web1", outcome.get("workflowId").asText());
    assertEquals("MIGRATED", outcome.get("outcome").asText());
    assertEquals("sim-a", outcome.get("source").asText());
    assertEquals("sim-b", outcome.get("destination").asText());
    assertEquals(5, outcome.get("phases").size(), outcome.toString());
    assertTrue(outcome.get("stats").get("dataTransferredBytes").asLong() > 0, outcome.toString());

    JsonNode hosts = stack.json(0, "hosts");
    assertTrue(vmsOf(hosts, "sim-b").contains("\"web1\""), hosts.toString());
    assertTrue(!vmsOf(hosts, "sim-a").contains("\"web1\""), hosts.toString());

    JsonNode status = stack.json(0, "status", "migration-web1");
    assertEquals("MIGRATED", status.get("outcome").asText());
    assertEquals("DONE", status.get("phase").asText());

    FerryProcess.Result list = stack.run("list", "--json");
    assertEquals(0, list.exitCode(), list.stderr());
    assertTrue(list.stdout().contains("\"workflowId\":\"migration-web1\""), list.stdout());
    assertTrue(list.stdout().contains("\"outcome\":\"MIGRATED\""), list.stdout());

    JsonNode doctor = stack.json(0, "doctor", "web1");
    assertEquals("HEALTHY", doctor.get("verdict").asText(), doctor.toString());
    assertEquals("MIGRATED", doctor.get("situation").asText(), doctor.toString());
    assertEquals("MIGRATED", doctor.get("migration").get("outcome").asText(), doctor.toString());
    assertEquals("runs on exactly one host (sim-b)", doctor.get("summary").asText());

    FerryProcess.Result again = stack.run("migrate", "web1", "--to", "sim-b");
    assertEquals(2, again.exitCode(), "already on sim-b: " + again.stdout() + again.stderr());
  }

  @Test
  void doctorRefusesAVmNoHostHas() throws Exception {
    FerryProcess.Result result = stack.run("doctor", "never-defined");
    assertEquals(2, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stderr().contains("'never-defined' is on no host"), result.stderr());
  }

  @Test
  void refusesUnknownVmWithExitCodeTwo() throws Exception {
    JsonNode outcome = stack.json(2, "migrate", "no-such-vm", "--to", "sim-b");

    assertEquals("VM_NOT_FOUND", outcome.get("failureType").asText());
    assertTrue(outcome.get("refused").asBoolean());
  }

  @Test
  void refusesPassthroughVmAndLeavesItInPlace() throws Exception {
    FerryProcess.Result result = stack.run("migrate", "gpu1", "--to", "sim-c");

    assertEquals(2, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("host devices"), result.stdout());
    assertTrue(vmsOf(stack.json(0, "hosts"), "sim-b").contains("\"gpu1\""));
  }

  @Test
  void cancelDuringTransferRollsBack() throws Exception {
    // Capped so the transfer lasts tens of seconds: the commands below must find it running even
    // when this machine is busy.
    JsonNode started =
        stack.json(0, "migrate", "db1", "--to", "sim-b", "--detach", "--bandwidth", "400");
    assertEquals("migration-db1", started.get("workflowId").asText());
    stack.waitForTransfer("migration-db1");

    JsonNode during = stack.json(0, "doctor", "db1");
    assertEquals("IN_PROGRESS", during.get("verdict").asText(), during.toString());
    assertEquals("IN_FLIGHT", during.get("situation").asText(), during.toString());
    assertEquals(
        "MigrationPerform",
        during.get("migration").get("pending").get(0).get("activity").asText(),
        during.toString());

    FerryProcess.Result second = stack.run("migrate", "db1", "--to", "sim-c");
    assertEquals(2, second.exitCode(), second.stdout() + second.stderr());
    assertTrue(second.stderr().contains("already migrating"), second.stderr());

    JsonNode outcome = stack.json(3, "cancel", "db1", "--wait");

    assertEquals("ROLLED_BACK", outcome.get("outcome").asText());
    assertTrue(outcome.get("reason").asText().contains("cancelled"), outcome.toString());
    JsonNode hosts = stack.json(0, "hosts");
    assertTrue(vmsOf(hosts, "sim-a").contains("\"db1\""), hosts.toString());
    assertTrue(!vmsOf(hosts, "sim-b").contains("\"db1\""), hosts.toString());
    JsonNode after = stack.json(0, "doctor", "db1");
    assertEquals("HEALTHY", after.get("verdict").asText(), after.toString());
    assertEquals("runs on exactly one host (sim-a)", after.get("summary").asText());
  }

  private static String vmsOf(JsonNode hosts, String host) {
    for (JsonNode h : hosts) {
      if (h.get("name").asText().equals(host)) {
        return h.get("vms").toString();
      }
    }
    throw new AssertionError("no host " + host + " in " + hosts);
  }
}
