package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dev server, a worker and the CLI as three separate processes, through {@code bin/ferry},
 * migrating simulated VMs from {@code examples/sim.yaml}.
 */
class ThreeProcessMigrationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_LIMIT = Duration.ofSeconds(90);

  private static Process server;
  private static Process worker;
  private static Map<String, String> env;

  @BeforeAll
  static void startServerAndWorker() throws Exception {
    int port = freePort();
    env =
        Map.of(
            "TEMPORAL_ADDRESS",
            "localhost:" + port,
            "FERRY_CONFIG",
            FerryProcess.ROOT.resolve("examples/sim.yaml").toString());
    server = FerryProcess.start("dev-server", env, "dev-server", "--port", String.valueOf(port));
    waitForPort(port);
    worker = FerryProcess.start("worker", env, "worker");
    // hosts runs a workflow on the worker: it answers only once the worker polls.
    FerryProcess.Result hosts = FerryProcess.run(COMMAND_LIMIT, env, "hosts", "--json");
    assertEquals(0, hosts.exitCode(), hosts.stderr());
  }

  @AfterAll
  static void stopAll() throws InterruptedException {
    FerryProcess.stop(worker);
    FerryProcess.stop(server);
  }

  @Test
  void migratesAVmThroughSeparateProcesses() throws Exception {
    FerryProcess.Result result =
        FerryProcess.run(COMMAND_LIMIT, env, "migrate", "web1", "--to", "sim-b", "--json");

    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode outcome = JSON.readTree(result.stdout());
    assertEquals("migration-web1", outcome.get("workflowId").asText());
    assertEquals("MIGRATED", outcome.get("outcome").asText());
    assertEquals("sim-a", outcome.get("source").asText());
    assertEquals("sim-b", outcome.get("destination").asText());
    assertEquals(5, outcome.get("phases").size(), outcome.toString());
    assertTrue(outcome.get("stats").get("dataTransferredBytes").asLong() > 0, outcome.toString());

    FerryProcess.Result hosts = FerryProcess.run(COMMAND_LIMIT, env, "hosts", "--json");
    JsonNode table = JSON.readTree(hosts.stdout());
    assertTrue(vmsOf(table, "sim-b").contains("\"web1\""), table.toString());
    assertTrue(!vmsOf(table, "sim-a").contains("\"web1\""), table.toString());

    FerryProcess.Result status =
        FerryProcess.run(COMMAND_LIMIT, env, "status", "migration-web1", "--json");
    assertEquals(0, status.exitCode(), status.stderr());
    assertEquals("MIGRATED", JSON.readTree(status.stdout()).get("outcome").asText());
    assertEquals("DONE", JSON.readTree(status.stdout()).get("phase").asText());

    FerryProcess.Result list = FerryProcess.run(COMMAND_LIMIT, env, "list", "--json");
    assertEquals(0, list.exitCode(), list.stderr());
    assertTrue(list.stdout().contains("\"workflowId\":\"migration-web1\""), list.stdout());
    assertTrue(list.stdout().contains("\"outcome\":\"MIGRATED\""), list.stdout());

    FerryProcess.Result again =
        FerryProcess.run(COMMAND_LIMIT, env, "migrate", "web1", "--to", "sim-b");
    assertEquals(2, again.exitCode(), "already on sim-b: " + again.stdout() + again.stderr());
  }

  @Test
  void refusesUnknownVmWithExitCodeTwo() throws Exception {
    FerryProcess.Result result =
        FerryProcess.run(COMMAND_LIMIT, env, "migrate", "no-such-vm", "--to", "sim-b", "--json");

    assertEquals(2, result.exitCode(), result.stdout() + result.stderr());
    JsonNode outcome = JSON.readTree(result.stdout());
    assertEquals("VM_NOT_FOUND", outcome.get("failureType").asText());
    assertTrue(outcome.get("refused").asBoolean());
  }

  @Test
  void refusesPassthroughVmAndLeavesItInPlace() throws Exception {
    FerryProcess.Result result =
        FerryProcess.run(COMMAND_LIMIT, env, "migrate", "gpu1", "--to", "sim-c");

    assertEquals(2, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("host devices"), result.stdout());
    FerryProcess.Result hosts = FerryProcess.run(COMMAND_LIMIT, env, "hosts", "--json");
    assertTrue(vmsOf(JSON.readTree(hosts.stdout()), "sim-b").contains("\"gpu1\""));
  }

  @Test
  void cancelDuringTransferRollsBack() throws Exception {
    FerryProcess.Result started =
        FerryProcess.run(
            COMMAND_LIMIT, env, "migrate", "db1", "--to", "sim-b", "--detach", "--json");
    assertEquals(0, started.exitCode(), started.stderr());
    assertEquals("migration-db1", JSON.readTree(started.stdout()).get("workflowId").asText());
    waitForPhase("migration-db1", "PERFORM");

    FerryProcess.Result second =
        FerryProcess.run(COMMAND_LIMIT, env, "migrate", "db1", "--to", "sim-c");
    assertEquals(2, second.exitCode(), second.stdout() + second.stderr());
    assertTrue(second.stderr().contains("already migrating"), second.stderr());

    FerryProcess.Result cancelled =
        FerryProcess.run(COMMAND_LIMIT, env, "cancel", "db1", "--wait", "--json");

    assertEquals(3, cancelled.exitCode(), cancelled.stdout() + cancelled.stderr());
    JsonNode outcome = JSON.readTree(cancelled.stdout());
    assertEquals("ROLLED_BACK", outcome.get("outcome").asText());
    assertTrue(outcome.get("reason").asText().contains("cancelled"), outcome.toString());
    FerryProcess.Result hosts = FerryProcess.run(COMMAND_LIMIT, env, "hosts", "--json");
    JsonNode table = JSON.readTree(hosts.stdout());
    assertTrue(vmsOf(table, "sim-a").contains("\"db1\""), table.toString());
    assertTrue(!vmsOf(table, "sim-b").contains("\"db1\""), table.toString());
  }

  private static void waitForPhase(String id, String phase) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      FerryProcess.Result status = FerryProcess.run(COMMAND_LIMIT, env, "status", id, "--json");
      if (status.exitCode() == 0
          && phase.equals(JSON.readTree(status.stdout()).get("phase").asText())) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(id + " never reached " + phase);
  }

  private static String vmsOf(JsonNode hosts, String host) {
    for (JsonNode h : hosts) {
      if (h.get("name").asText().equals(host)) {
        return h.get("vms").toString();
      }
    }
    throw new AssertionError("no host " + host + " in " + hosts);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
        if (socket.isConnected()) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("dev server did not listen on port " + port);
  }
}
