package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.api.ApiStack.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host maintenance and maintenance windows over the HTTP API, on simulated hosts: entering and
 * leaving, draining on entry, a window created, listed and cancelled, and every refusal checked to
 * have started no workflow of any kind.
 */
class MaintenanceApiTest {
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a", sim: {memoryMiB: 131072}}
        - {name: sim-b, uri: "sim://sim-b", sim: {memoryMiB: 131072}}
        - {name: sim-c, uri: "sim://sim-c", sim: {memoryMiB: 131072}}
      vms:
        - {name: m1, host: sim-a, memoryMiB: 1024, dirtyMiBps: 8}
        - {name: m2, host: sim-a, memoryMiB: 512, dirtyMiBps: 8}
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
  void entersAndLeavesMaintenanceAndRefusesEachTwice() throws Exception {
    String path = "/v1/hosts/sim-c/maintenance";
    assertFalse(stack.call("GET", path, null).body().get("inMaintenance").asBoolean());

    Reply on = stack.call("POST", path, "{\"on\": true, \"reason\": \"firmware\"}");
    Reply again = stack.call("POST", path, "{\"on\": true}");
    Reply status = stack.await(path, s -> s.has("reason"));
    Reply hostsDuring = stack.call("GET", "/v1/hosts", null);
    Reply off = stack.call("POST", path, "{\"on\": false}");
    Reply offAgain = stack.call("POST", path, "{\"on\": false}");
    Reply hostsAfter = stack.call("GET", "/v1/hosts", null);

    assertEquals(200, on.status(), on.body().toString());
    assertTrue(on.body().get("inMaintenance").asBoolean(), on.body().toString());
    assertEquals(409, again.status(), again.body().toString());
    assertTrue(again.error().contains("already in maintenance"), again.error());
    assertEquals("firmware", status.body().get("reason").asText());
    assertEquals(true, maintenance(hostsDuring).get("sim-c"), hostsDuring.body().toString());
    assertEquals(false, maintenance(hostsAfter).get("sim-c"), hostsAfter.body().toString());
    assertTrue(status.body().get("evacuationId").isNull(), status.body().toString());
    assertEquals(200, off.status(), off.body().toString());
    assertFalse(off.body().get("inMaintenance").asBoolean(), off.body().toString());
    assertEquals(409, offAgain.status(), offAgain.body().toString());
    assertTrue(offAgain.error().contains("not in maintenance"), offAgain.error());
  }

  @Test
  void entersMaintenanceDrainingTheHost() throws Exception {
    String path = "/v1/hosts/sim-a/maintenance";

    Reply on = stack.call("POST", path, "{\"on\": true, \"evacuate\": true, \"maxPerSource\": 1}");

    assertEquals(202, on.status(), on.body().toString());
    String evacuation = on.body().get("evacuationId").asText();
    assertTrue(evacuation.startsWith("evacuation-maint-sim-a-"), evacuation);
    assertEquals(
        "/v1/evacuations/" + evacuation, on.raw().headers().firstValue("Location").orElse(""));
    Reply ended = stack.awaitEvacuationEnd(evacuation);
    assertEquals("finished", ended.body().get("status").asText(), ended.body().toString());
    assertFalse(stack.worker.simCluster().whereIs("m1").containsKey("sim-a"));
    assertFalse(stack.worker.simCluster().whereIs("m2").containsKey("sim-a"));
    assertEquals(200, stack.call("POST", path, "{\"on\": false}").status());
  }

  static Stream<Arguments> badMaintenance() {
    return Stream.of(
        bad("no on", "sim-b", "{}", 400, "on"),
        bad("on not a boolean", "sim-b", "{\"on\": \"yes\"}", 400, "on"),
        bad("unknown field", "sim-b", "{\"on\": true, \"drain\": true}", 400, "drain"),
        bad("evacuate off", "sim-b", "{\"on\": false, \"evacuate\": true}", 400, "evacuate"),
        bad(
            "limit without evacuate",
            "sim-b",
            "{\"on\": true, \"maxPerSource\": 2}",
            400,
            "maxPerSource"),
        bad(
            "zero limit",
            "sim-b",
            "{\"on\": true, \"evacuate\": true, \"maxPerDestination\": 0}",
            400,
            "maxPerDestination"),
        bad("forged reason", "sim-b", "{\"on\": true, \"reason\": \"ok\\nFORGED\"}", 400, "reason"),
        bad("credential", "sim-b", "{\"on\": true, \"sasl\": {\"password\": \"x\"}}", 400, "sasl"),
        bad("unknown host", "nowhere", "{\"on\": true}", 404, "name"),
        bad("quote in host", "sim-b'", "{\"on\": true}", 400, "name"),
        bad("newline in host", "sim-b%0AX", "{\"on\": true}", 400, "name"),
        bad("dots as host", "..", "{\"on\": true}", 400, "name"),
        bad("huge host", "h".repeat(5000), "{\"on\": true}", 400, "name"));
  }

  static Stream<Arguments> badWindows() {
    String window = "\"hosts\": [\"sim-b\"], \"start\": \"+2h\", \"end\": \"+3h\"";
    return Stream.of(
        bad("no hosts", null, "{\"start\": \"+2h\", \"end\": \"+3h\"}", 400, "hosts"),
        bad("no end", null, "{\"hosts\": [\"sim-b\"], \"start\": \"+2h\"}", 400, "end"),
        bad("unreadable start", null, "{" + window.replace("+2h", "soon") + "}", 400, "start"),
        bad("end before start", null, "{" + window.replace("+3h", "+1h") + "}", 400, "end"),
        bad(
            "end passed",
            null,
            "{" + window.replace("+3h", "2001-01-01T00:00:00Z") + "}",
            400,
            "end"),
        bad("unknown policy", null, "{" + window + ", \"onEnd\": \"later\"}", 400, "onEnd"),
        bad(
            "zero bandwidth",
            null,
            "{" + window + ", \"bandwidthMiBps\": 0}",
            400,
            "bandwidthMiBps"),
        bad(
            "recurring on the dev server",
            null,
            "{" + window + ", \"every\": \"0 2 * * 6\"}",
            400,
            "every"),
        bad("forged cron", null, "{" + window + ", \"every\": \"0 2 * * 6\\nX\"}", 400, "every"),
        bad("path as name", null, "{" + window + ", \"name\": \"../w\"}", 400, "name"),
        bad("XML in host", null, "{" + window.replace("sim-b", "<b>") + "}", 400, "hosts[0]"),
        bad("quote in destination", null, "{" + window + ", \"to\": [\"c'\"]}", 400, "to[0]"),
        bad("unknown host", null, "{" + window.replace("sim-b", "nowhere") + "}", 404, "hosts"),
        bad("unknown destination", null, "{" + window + ", \"to\": [\"nowhere\"]}", 404, "to"),
        bad("credential", null, "{" + window + ", \"secretKey\": \"s\"}", 400, "secretKey"));
  }

  private static Arguments bad(String name, String host, String body, int status, String field) {
    return Arguments.of(name, host, body, status, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"badMaintenance", "badWindows"})
  void refusesBadRequestsNamingTheFieldAndStartsNothing(
      String name, String host, String body, int status, String field) throws Exception {
    List<String> before = stack.allWorkflows();
    String path = host == null ? "/v1/windows" : "/v1/hosts/" + host + "/maintenance";

    Reply reply = stack.call("POST", path, body);

    assertEquals(status, reply.status(), reply.raw().body());
    assertEquals(field, reply.field(), reply.raw().body());
    assertFalse(reply.error().isBlank());
    assertTrue(reply.error().length() < 600, "a bounded message: " + reply.error().length());
    assertFalse(reply.error().contains("\n"), reply.error());
    assertEquals(before, stack.allWorkflows());
  }

  @Test
  void createsListsAndCancelsAWindowBeforeItsStartChangingNothing() throws Exception {
    String body =
        "{\"name\": \"w1\", \"hosts\": [\"sim-b\"], \"start\": \"+2h\", \"end\": \"+3h\","
            + " \"onEnd\": \"abort\"}";

    Reply created = stack.call("POST", "/v1/windows", body);
    Reply twice = stack.call("POST", "/v1/windows", body);
    JsonNode waiting =
        stack.await("/v1/windows", rows -> "WAITING".equals(phaseOf(rows, "window-w1"))).body();
    Reply one = stack.call("GET", "/v1/windows/w1", null);
    Reply byId = stack.call("GET", "/v1/windows/window-w1", null);
    Reply cancelled = stack.call("DELETE", "/v1/windows/w1", null);
    stack.await("/v1/windows", rows -> "CANCELLED".equals(phaseOf(rows, "window-w1")));
    Reply again = stack.call("DELETE", "/v1/windows/w1", null);

    assertEquals(202, created.status(), created.body().toString());
    assertEquals("window-w1", created.body().get("id").asText());
    assertEquals("waiting", created.body().get("status").asText());
    assertEquals(409, twice.status(), twice.body().toString());
    assertEquals("name", twice.field());
    assertTrue(waiting.toString().contains("sim-b"), waiting.toString());
    assertEquals(200, one.status(), one.body().toString());
    assertEquals("window-w1", one.body().get("workflowId").asText(), one.body().toString());
    assertEquals("WAITING", one.body().get("phase").asText(), one.body().toString());
    assertEquals("sim-b", one.body().get("hosts").asText(), one.body().toString());
    assertEquals(one.body(), byId.body());
    assertEquals(202, cancelled.status(), cancelled.body().toString());
    assertEquals("window-w1", cancelled.body().get("cancelled").get(0).asText());
    assertEquals(409, again.status(), again.body().toString());
    assertFalse(
        stack
            .call("GET", "/v1/hosts/sim-b/maintenance", null)
            .body()
            .get("inMaintenance")
            .asBoolean());
  }

  @Test
  void unknownAndHostileWindowNamesAreRefused() throws Exception {
    Reply unknown = stack.call("DELETE", "/v1/windows/nothing", null);
    Reply hostile = stack.call("DELETE", "/v1/windows/a%0Ab", null);
    Reply unknownShown = stack.call("GET", "/v1/windows/nothing", null);
    Reply hostileShown = stack.call("GET", "/v1/windows/a%0Ab", null);
    Reply unknownHost = stack.call("GET", "/v1/hosts/nowhere/maintenance", null);

    assertEquals(404, unknown.status(), unknown.body().toString());
    assertEquals("name", unknown.field());
    assertEquals(400, hostile.status(), hostile.body().toString());
    assertEquals("name", hostile.field());
    assertEquals(404, unknownHost.status(), unknownHost.body().toString());
    assertEquals(404, unknownShown.status(), unknownShown.body().toString());
    assertEquals("name", unknownShown.field());
    assertEquals(400, hostileShown.status(), hostileShown.body().toString());
    assertEquals("name", hostileShown.field());
  }

  /** Each host's {@code inMaintenance} in a {@code GET /v1/hosts} answer. */
  private static Map<String, Boolean> maintenance(Reply hosts) {
    assertEquals(200, hosts.status(), hosts.body().toString());
    Map<String, Boolean> byHost = new TreeMap<>();
    for (JsonNode host : hosts.body()) {
      byHost.put(host.get("name").asText(), host.get("inMaintenance").asBoolean());
    }
    return byHost;
  }

  private static String phaseOf(JsonNode rows, String workflowId) {
    for (JsonNode row : rows) {
      if (row.path("workflowId").asText().equals(workflowId)) {
        return row.path("phase").asText();
      }
    }
    return null;
  }
}
