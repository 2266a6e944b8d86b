package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.api.ApiStack.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evacuations over the HTTP API, end to end on simulated hosts: one drained to its end, one paused,
 * resumed and cancelled, and every refusal checked to have started no workflow of any kind.
 */
class EvacuationApiTest {
  /**
   * The a guests converge in a second or two; the c guests dirty memory faster than the 32 MiB/s
   * the tests give them, so one stays migrating until cancelled.
   */
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a", sim: {memoryMiB: 131072}}
        - {name: sim-b, uri: "sim://sim-b", sim: {memoryMiB: 131072}}
        - {name: sim-c, uri: "sim://sim-c", sim: {memoryMiB: 131072}}
      vms:
        - {name: a1, host: sim-a, memoryMiB: 1024, dirtyMiBps: 8}
        - {name: a2, host: sim-a, memoryMiB: 512, dirtyMiBps: 8}
        - {name: c1, host: sim-c, memoryMiB: 4096, dirtyMiBps: 64}
        - {name: c2, host: sim-c, memoryMiB: 4096, dirtyMiBps: 64}
      sim: {speed: 4}
      """;

  @TempDir static Path dir;
  static ApiStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new ApiStack(dir, INVENTORY);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void drainsAHostAndReportsEveryGuestPerHost() throws Exception {
    Reply started =
        stack.call(
            "POST",
            "/v1/evacuations",
            "{\"id\": \"drain-a\", \"hosts\": [\"sim-a\"], \"to\": [\"sim-b\"], \"maxPerSource\": 1}");

    assertEquals(202, started.status(), started.body().toString());
    assertEquals("evacuation-drain-a", started.body().get("id").asText());
    assertEquals("running", started.body().get("status").asText());
    assertEquals(
        "/v1/evacuations/evacuation-drain-a",
        started.raw().headers().firstValue("Location").orElse(""));

    Reply ended = stack.awaitEvacuationEnd("evacuation-drain-a");

    assertEquals(200, ended.status(), ended.body().toString());
    assertEquals("finished", ended.body().get("status").asText(), ended.body().toString());
    assertEquals(100, ended.body().get("progress").asInt());
    JsonNode report = ended.body().get("evacuation");
    assertEquals("DONE", report.get("phase").asText());
    assertEquals(List.of("a1", "a2"), sorted(report.get("vms").findValuesAsText("vm")));
    for (JsonNode vm : report.get("vms")) {
      assertEquals("MIGRATED", vm.get("state").asText(), vm.toString());
      assertEquals("sim-b", vm.get("destination").asText(), vm.toString());
    }
    assertEquals(report.get("bytesTotal").asLong(), report.get("bytesMoved").asLong());
    JsonNode source = ended.body().get("sources").get(0);
    assertEquals("sim-a", source.get("host").asText());
    assertEquals(2, source.get("vms").asInt());
    assertEquals(2, source.get("counts").get("MIGRATED").asInt(), source.toString());
    assertEquals(Set.of("sim-b"), stack.worker.simCluster().whereIs("a1").keySet());
    assertEquals(Set.of("sim-b"), stack.worker.simCluster().whereIs("a2").keySet());

    Reply list = stack.call("GET", "/v1/evacuations", null);
    assertEquals(200, list.status(), list.body().toString());
    JsonNode row = rowOf(list.body(), "evacuation-drain-a");
    assertEquals("completed", row.get("status").asText(), row.toString());
    assertEquals(2, row.get("migrated").asInt(), row.toString());
  }

  @Test
  void pausesResumesAndCancelsAndRefusesControlsOnceItEnded() throws Exception {
    String body =
        "{\"id\": \"drain-c\", \"hosts\": [\"sim-c\"], \"maxParallel\": 1, \"bandwidthMiBps\": 32}";
    Reply started = stack.call("POST", "/v1/evacuations", body);
    assertEquals(202, started.status(), started.body().toString());
    String path = "/v1/evacuations/evacuation-drain-c";
    // The running guest's own migration is read too: the dashboard shows its phase.
    Reply migrating =
        stack.await(path, e -> e.path("migrations").findValuesAsText("phase").contains("PERFORM"));
    assertEquals("running", migrating.body().get("status").asText());
    assertEquals(1, migrating.body().at("/sources/0/counts/MIGRATING").asInt());

    Reply twice = stack.call("POST", "/v1/evacuations", body);
    assertEquals(409, twice.status(), twice.body().toString());
    assertEquals("id", twice.field());

    assertEquals(202, stack.call("POST", path + "/pause", null).status());
    stack.await(path, e -> "PAUSED".equals(e.at("/evacuation/phase").asText()));
    assertEquals(202, stack.call("POST", path + "/resume", null).status());
    stack.await(path, e -> "RUNNING".equals(e.at("/evacuation/phase").asText()));
    Reply cancel = stack.call("DELETE", path, null);
    assertEquals(202, cancel.status(), cancel.body().toString());
    Reply ended = stack.awaitEvacuationEnd("evacuation-drain-c");

    assertEquals("failed", ended.body().get("status").asText(), ended.body().toString());
    List<String> states = new ArrayList<>();
    ended.body().at("/evacuation/vms").forEach(vm -> states.add(vm.get("state").asText()));
    assertEquals(List.of("NOT_STARTED", "ROLLED_BACK"), sorted(states), ended.body().toString());
    assertEquals(Set.of("sim-c"), stack.worker.simCluster().whereIs("c1").keySet());
    assertEquals(Set.of("sim-c"), stack.worker.simCluster().whereIs("c2").keySet());
    for (String[] late :
        new String[][] {{"DELETE", path}, {"POST", path + "/pause"}, {"POST", path + "/resume"}}) {
      Reply refused = stack.call(late[0], late[1], null);
      assertEquals(409, refused.status(), late[0] + " " + late[1] + ": " + refused.body());
      assertTrue(refused.error().contains("already ended"), refused.error());
    }
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("no hosts", "{}", 400, "hosts"),
        bad("empty hosts", "{\"hosts\": []}", 400, "hosts"),
        bad("not JSON", "{\"hosts\": ", 400, null),
        bad("not an object", "[\"sim-a\"]", 400, null),
        bad("hosts not a list", "{\"hosts\": 5}", 400, "hosts"),
        bad("unknown field", "{\"hosts\": [\"sim-a\"], \"colour\": 1}", 400, "colour"),
        bad("no parallel", "{\"hosts\": [\"sim-a\"], \"maxParallel\": 0}", 400, "maxParallel"),
        bad(
            "negative per source",
            "{\"hosts\": [\"sim-a\"], \"maxPerSource\": -1}",
            400,
            "maxPerSource"),
        bad(
            "text per destination",
            "{\"hosts\": [\"sim-a\"], \"maxPerDestination\": \"x\"}",
            400,
            "maxPerDestination"),
        bad(
            "zero bandwidth",
            "{\"hosts\": [\"sim-a\"], \"bandwidthMiBps\": 0}",
            400,
            "bandwidthMiBps"),
        bad(
            "unreadable deadline",
            "{\"hosts\": [\"sim-a\"], \"deadline\": \"soon\"}",
            400,
            "deadline"),
        bad(
            "past deadline",
            "{\"hosts\": [\"sim-a\"], \"deadline\": \"2001-01-01T00:00:00Z\"}",
            400,
            "deadline"),
        bad(
            "unknown policy",
            "{\"hosts\": [\"sim-a\"], \"atDeadline\": \"later\"}",
            400,
            "atDeadline"),
        bad(
            "unknown strategy",
            "{\"hosts\": [\"sim-a\"], \"strategy\": \"dice\"}",
            400,
            "strategy"),
        bad("no attempts", "{\"hosts\": [\"sim-a\"], \"maxAttempts\": 0}", 400, "maxAttempts"),
        bad("drained and destination", "{\"hosts\": [\"sim-a\"], \"to\": [\"sim-a\"]}", 400, "to"),
        bad("unknown host", "{\"hosts\": [\"sim-a\", \"nowhere\"]}", 404, "hosts"),
        bad("unknown destination", "{\"hosts\": [\"sim-a\"], \"to\": [\"elsewhere\"]}", 404, "to"));
  }

  private static Arguments bad(String name, String body, int status, String field) {
    return Arguments.of(name, body, status, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesBadRequestsNamingTheFieldAndStartsNothing(
      String name, String body, int status, String field) throws Exception {
    List<String> before = stack.allWorkflows();

    Reply reply = stack.call("POST", "/v1/evacuations", body);

    assertEquals(status, reply.status(), reply.body().toString());
    assertEquals(field, reply.field(), reply.body().toString());
    assertFalse(reply.error().isBlank());
    assertEquals(before, stack.allWorkflows());
  }

  /** Hostile values in every place a name or a time enters. */
  static Stream<Arguments> hostileInputs() {
    String huge = "a".repeat(5000);
    return Stream.of(
        hostile("quote in host", "{\"hosts\": [\"sim-a'\"]}", "hosts[0]", "quote"),
        hostile("newline in host", "{\"hosts\": [\"sim-a\", \"b\\nX\"]}", "hosts[1]", "\\n"),
        hostile("dots as host", "{\"hosts\": [\"..\"]}", "hosts[0]", "'..'"),
        hostile("huge host", "{\"hosts\": [\"" + huge + "\"]}", "hosts[0]", "too long (5000"),
        hostile(
            "XML in destination",
            "{\"hosts\": [\"sim-a\"], \"to\": [\"sim-b\", \"<x>\"]}",
            "to[1]",
            "(<)"),
        hostile("path as id", "{\"hosts\": [\"sim-a\"], \"id\": \"x/../y\"}", "id", "'x/../y'"),
        hostile(
            "entity in anti-affinity",
            "{\"hosts\": [\"sim-a\"], \"antiAffinity\": [[\"a1\", \"a&b\"]]}",
            "antiAffinity[0][1]",
            "(&)"),
        hostile(
            "control characters in deadline",
            "{\"hosts\": [\"sim-a\"], \"deadline\": \"+1h\\n\\u001b[2J\"}",
            "deadline",
            "\\n\\u001b"),
        hostile(
            "huge deadline",
            "{\"hosts\": [\"sim-a\"], \"deadline\": \"" + huge + "\"}",
            "deadline",
            "(5000 characters)"));
  }

  private static Arguments hostile(String name, String body, String field, String mentioned) {
    return Arguments.of(name, body, field, mentioned);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void refusesHostileInputNamingItAndStartsNothing(
      String name, String body, String field, String mentioned) throws Exception {
    List<String> before = stack.allWorkflows();

    Reply reply = stack.call("POST", "/v1/evacuations", body);

    assertEquals(400, reply.status(), reply.raw().body());
    assertEquals(field, reply.field(), reply.raw().body());
    assertTrue(reply.error().contains(mentioned), reply.error());
    assertTrue(reply.error().length() < 400, "a bounded message: " + reply.error().length());
    assertEquals(before, stack.allWorkflows());
  }

  @Test
  void refusesCredentialsAndStartsNothing() throws Exception {
    List<String> before = stack.allWorkflows();

    Reply flat =
        stack.call(
            "POST", "/v1/evacuations", "{\"hosts\": [\"sim-a\"], \"password\": \"hunter2\"}");
    Reply nested =
        stack.call(
            "POST", "/v1/evacuations", "{\"hosts\": [\"sim-a\"], \"to\": [{\"apiToken\": \"t\"}]}");

    assertEquals(400, flat.status(), flat.raw().body());
    assertEquals("password", flat.field());
    assertTrue(flat.error().contains("worker's configuration"), flat.error());
    assertFalse(flat.raw().body().contains("hunter2"), flat.raw().body());
    assertEquals(400, nested.status(), nested.raw().body());
    assertEquals("to[0].apiToken", nested.field());
    assertEquals(before, stack.allWorkflows());
  }

  @Test
  void unknownAndHostileEvacuationIdsAreRefused() throws Exception {
    for (String[] call :
        new String[][] {
          {"GET", "/v1/evacuations/evacuation-nothing"},
          {"GET", "/v1/evacuations/nothing"},
          {"DELETE", "/v1/evacuations/evacuation-nothing"},
          {"POST", "/v1/evacuations/evacuation-nothing/pause"},
          {"POST", "/v1/evacuations/evacuation-nothing/resume"},
        }) {
      Reply reply = stack.call(call[0], call[1], null);
      assertEquals(404, reply.status(), call[0] + " " + call[1] + ": " + reply.body());
      assertEquals("id", reply.field());
    }
    for (String id : new String[] {"evacuation-a%0Ab", "..", "evacuation-%3Cx%3E"}) {
      Reply reply = stack.call("GET", "/v1/evacuations/" + id, null);
      assertEquals(400, reply.status(), id + ": " + reply.body());
      assertEquals("id", reply.field());
    }
    assertEquals(400, stack.call("GET", "/v1/evacuations?limit=0", null).status());
  }

  private static JsonNode rowOf(JsonNode rows, String workflowId) {
    for (JsonNode row : rows) {
      if (row.get("workflowId").asText().equals(workflowId)) {
        return row;
      }
    }
    throw new AssertionError(workflowId + " not listed: " + rows);
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }
}
