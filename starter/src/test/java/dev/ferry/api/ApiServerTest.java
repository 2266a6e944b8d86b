package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.api.ApiStack.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP API end to end: real HTTP, a real (in-memory) Temporal service, a worker on simulated
 * hosts. Every refusal is checked to have started nothing.
 */
class ApiServerTest {
  @TempDir static Path dir;
  static ApiStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new ApiStack(dir);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void migratesAndReportsTheTaskToItsEnd() throws Exception {
    Reply started = stack.call("POST", "/v1/vms/web1/migrate", "{\"host\": \"sim-b\"}");

    assertEquals(202, started.status(), started.body().toString());
    assertEquals("migration-web1", started.body().get("id").asText());
    assertEquals("running", started.body().get("status").asText());
    assertEquals("/v1/vms/web1", started.body().get("target_uri").asText());
    assertEquals(
        "/v1/tasks/migration-web1", started.raw().headers().firstValue("Location").orElse(""));

    Reply ended = stack.awaitEnd("migration-web1");

    assertEquals(200, ended.status(), ended.body().toString());
    assertEquals("finished", ended.body().get("status").asText(), ended.body().toString());
    assertEquals(100, ended.body().get("progress").asInt());
    JsonNode migration = ended.body().get("migration");
    assertEquals("MIGRATED", migration.get("outcome").asText());
    assertEquals("sim-a", migration.get("source").asText());
    assertEquals("sim-b", migration.get("destination").asText());
    assertEquals("sim-b", stack.worker.simCluster().whereIs("web1").keySet().iterator().next());

    Reply list = stack.call("GET", "/v1/migrations", null);
    assertEquals(200, list.status());
    assertTrue(
        list.body().findValuesAsText("workflowId").contains("migration-web1"),
        list.body().toString());
  }

  @Test
  void secondMigrationOfAMigratingVmIsAConflictAndCancelRollsBack() throws Exception {
    Reply first = stack.call("POST", "/v1/vms/slow1/migrate", ApiStack.SLOW_BODY);
    assertEquals(202, first.status(), first.body().toString());
    stack.awaitPerform("migration-slow1");

    Reply second = stack.call("POST", "/v1/vms/slow1/migrate", "{\"host\": \"sim-c\"}");
    assertEquals(409, second.status(), second.body().toString());
    assertTrue(second.error().contains("already migrating"), second.error());
    assertEquals("name", second.field());

    Reply cancel = stack.call("DELETE", "/v1/tasks/migration-slow1", null);
    assertEquals(202, cancel.status(), cancel.body().toString());

    Reply ended = stack.awaitEnd("migration-slow1");
    assertEquals("failed", ended.body().get("status").asText());
    assertEquals("ROLLED_BACK", ended.body().get("migration").get("outcome").asText());
    assertEquals(java.util.Set.of("sim-a"), stack.worker.simCluster().whereIs("slow1").keySet());

    Reply again = stack.call("DELETE", "/v1/tasks/migration-slow1", null);
    assertEquals(409, again.status(), again.body().toString());
  }

  @Test
  void tunesAndAbortsARunningTransferAndRefusesControlsOnceItEnded() throws Exception {
    Reply started = stack.call("POST", "/v1/vms/slow2/migrate", ApiStack.SLOW_BODY);
    assertEquals(202, started.status(), started.body().toString());
    stack.awaitPerform("migration-slow2");

    Reply tuned = stack.call("POST", "/v1/tasks/migration-slow2/tune", "{\"maxDowntimeMs\": 900}");
    Reply outOfRange =
        stack.call("POST", "/v1/tasks/migration-slow2/tune", "{\"maxDowntimeMs\": 0}");
    Reply unknownField = stack.call("POST", "/v1/tasks/migration-slow2/tune", "{\"speed\": 5}");
    Reply aborted =
        stack.call("POST", "/v1/tasks/migration-slow2/abort", "{\"reason\": \"api test\"}");
    Reply ended = stack.awaitEnd("migration-slow2");
    Reply tooLate = stack.call("POST", "/v1/tasks/migration-slow2/force-complete", null);

    assertEquals(200, tuned.status(), tuned.body().toString());
    assertEquals(900, tuned.body().get("maxDowntimeMs").asLong(), tuned.body().toString());
    assertEquals(400, outOfRange.status(), outOfRange.body().toString());
    assertTrue(outOfRange.error().contains("out of range: 0"), outOfRange.error());
    assertEquals(400, unknownField.status(), unknownField.body().toString());
    assertEquals("speed", unknownField.field());
    assertEquals(202, aborted.status(), aborted.body().toString());
    JsonNode migration = ended.body().get("migration");
    assertEquals("ROLLED_BACK", migration.get("outcome").asText(), migration.toString());
    assertTrue(migration.get("reason").asText().contains("api test"), migration.toString());
    assertEquals(2, migration.get("controls").size(), migration.toString());
    assertEquals(409, tooLate.status(), tooLate.body().toString());
    assertEquals(java.util.Set.of("sim-a"), stack.worker.simCluster().whereIs("slow2").keySet());
  }

  @Test
  void listsTheWorkersHosts() throws Exception {
    Reply hosts = stack.call("GET", "/v1/hosts", null);

    assertEquals(200, hosts.status(), hosts.body().toString());
    assertEquals(List.of("sim-a", "sim-b", "sim-c"), hosts.body().findValuesAsText("name"));
    assertTrue(hosts.body().get(0).get("reachable").asBoolean());
  }

  @Test
  void healthNeedsNoTokenAndTheRestDo() throws Exception {
    assertEquals(200, stack.call("GET", "/healthz", null, null).status());
    for (String[] route :
        new String[][] {
          {"GET", "/v1/openapi.json"},
          {"GET", "/v1/migrations"},
          {"GET", "/v1/hosts"},
          {"GET", "/metrics"},
          {"GET", "/v1/tasks/migration-web2"},
          {"DELETE", "/v1/tasks/migration-web2"},
        }) {
      Reply none = stack.call(route[0], route[1], null, null);
      Reply wrong = stack.call(route[0], route[1], null, "Bearer " + ApiStack.TOKEN + "x");
      Reply otherScheme = stack.call(route[0], route[1], null, "Basic " + ApiStack.TOKEN);
      for (Reply reply : List.of(none, wrong, otherScheme)) {
        assertEquals(401, reply.status(), route[0] + " " + route[1]);
        assertTrue(
            reply.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      }
    }
  }

  @Test
  void everyRouteButTheOpenOnesWantsTheTokenBeforeReadingAnything() throws Exception {
    List<String> before = stack.allWorkflows();
    List<Route> routes =
        new FerryApi(null, java.util.Optional.empty(), java.time.Duration.ZERO, null).routes();
    for (Route route : routes) {
      if (route.open()) {
        continue;
      }
      String path = route.template().replaceAll("\\{[a-z]+\\}", "web2");
      Reply reply = stack.call(route.method(), path, "{\"hosts\": [\"sim-a\"]}", null);
      assertEquals(401, reply.status(), route.method() + " " + route.template());
    }
    assertTrue(routes.size() > 20, "the evacuation, maintenance and window routes are there");
    assertEquals(before, stack.allWorkflows());
  }

  @Test
  void migrateWithoutTokenStartsNothing() throws Exception {
    List<String> before = stack.migrationWorkflows();

    Reply reply = stack.call("POST", "/v1/vms/web2/migrate", "{\"host\": \"sim-b\"}", null);

    assertEquals(401, reply.status());
    assertEquals(before, stack.migrationWorkflows());
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("no host", "web2", "{}", 400, "host"),
        bad("not JSON", "web2", "{\"host\": ", 400, null),
        bad("not an object", "web2", "[\"sim-b\"]", 400, null),
        bad("unknown field", "web2", "{\"host\": \"sim-b\", \"colour\": \"blue\"}", 400, "colour"),
        bad("unknown mode", "web2", "{\"host\": \"sim-b\", \"mode\": \"sideways\"}", 400, "mode"),
        bad(
            "unknown convergence policy",
            "web2",
            "{\"host\": \"sim-b\", \"convergence\": \"<hope>\"}",
            400,
            "convergence"),
        bad(
            "text as number",
            "web2",
            "{\"host\": \"sim-b\", \"bandwidthMiBps\": \"x\"}",
            400,
            "bandwidthMiBps"),
        bad(
            "zero bandwidth",
            "web2",
            "{\"host\": \"sim-b\", \"bandwidthMiBps\": 0}",
            400,
            "bandwidthMiBps"),
        bad(
            "one connection",
            "web2",
            "{\"host\": \"sim-b\", \"parallelConnections\": 1}",
            400,
            "parallelConnections"),
        bad(
            "offline post-copy",
            "web2",
            "{\"host\": \"sim-b\", \"mode\": \"offline\", \"allowPostcopy\": true}",
            400,
            null),
        bad("unknown destination", "web2", "{\"host\": \"nowhere\"}", 404, "host"),
        bad(
            "unknown source",
            "web2",
            "{\"host\": \"sim-b\", \"source\": \"elsewhere\"}",
            404,
            "source"),
        bad("unknown VM", "ghost", "{\"host\": \"sim-b\"}", 404, "name"),
        bad(
            "VM not on the source",
            "web2",
            "{\"host\": \"sim-c\", \"source\": \"sim-b\"}",
            404,
            "name"));
  }

  private static Arguments bad(String name, String vm, String body, int status, String field) {
    return Arguments.of(name, vm, body, status, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesBadRequestsNamingTheFieldAndStartsNothing(
      String name, String vm, String body, int status, String field) throws Exception {
    List<String> before = stack.migrationWorkflows();

    Reply reply = stack.call("POST", "/v1/vms/" + vm + "/migrate", body);

    assertEquals(status, reply.status(), reply.body().toString());
    assertEquals(field, reply.field(), reply.body().toString());
    assertFalse(reply.error().isBlank());
    assertEquals(before, stack.migrationWorkflows());
  }

  static Stream<Arguments> credentials() {
    return Stream.of(
        Arguments.of("{\"host\": \"sim-b\", \"password\": \"hunter2\"}", "password"),
        Arguments.of("{\"host\": \"sim-b\", \"user\": \"root\"}", "user"),
        Arguments.of("{\"host\": \"sim-b\", \"passwd\": \"hunter2\"}", "passwd"),
        Arguments.of("{\"host\": \"sim-b\", \"key\": \"AAAA\"}", "key"),
        Arguments.of("{\"host\": \"sim-b\", \"auth\": {\"secret\": \"s\"}}", "auth"),
        Arguments.of(
            "{\"host\": \"sim-b\", \"opts\": {\"libvirt_password\": \"s\"}}",
            "opts.libvirt_password"),
        Arguments.of(
            "{\"host\": \"sim-b\", \"disks\": [{\"apiToken\": \"t\"}]}", "disks[0].apiToken"),
        Arguments.of(
            "{\"host\": \"sim-b\", \"SSH-Private-Key\": \"-----BEGIN\"}", "SSH-Private-Key"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("credentials")
  void refusesCredentialsExplainingWhereTheyLive(String body, String path) throws Exception {
    List<String> before = stack.migrationWorkflows();

    Reply reply = stack.call("POST", "/v1/vms/web2/migrate", body);

    assertEquals(400, reply.status(), reply.body().toString());
    assertEquals(path, reply.field());
    assertTrue(reply.error().contains("worker's configuration"), reply.error());
    assertFalse(reply.raw().body().contains("hunter2"), reply.raw().body());
    assertEquals(before, stack.migrationWorkflows());
  }

  /** Hostile values in every place a name or URI enters: the path and each body field. */
  static Stream<Arguments> hostileInputs() {
    String huge = "a".repeat(5000);
    return Stream.of(
        hostile("quote in VM", "web1'%3Breboot", "{\"host\": \"sim-b\"}", "name", "quote"),
        hostile("newline in VM", "web1%0Aforged", "{\"host\": \"sim-b\"}", "name", "\\n"),
        hostile("dots as VM", "..", "{\"host\": \"sim-b\"}", "name", "'..'"),
        hostile("encoded slash in VM", "a%2F..%2Fb", "{\"host\": \"sim-b\"}", "name", "'..'"),
        hostile("XML in VM", enc("web1</name>"), "{\"host\": \"sim-b\"}", "name", "(<)"),
        hostile("huge VM", huge, "{\"host\": \"sim-b\"}", "name", "too long (5000"),
        hostile("quote in host", "web2", "{\"host\": \"sim-b'\"}", "host", "quote"),
        hostile("newline in host", "web2", "{\"host\": \"sim-b\\nX\"}", "host", "\\n"),
        hostile(
            "entity in source",
            "web2",
            "{\"host\": \"sim-b\", \"source\": \"a&b\"}",
            "source",
            "(&)"),
        hostile(
            "path as new name",
            "web2",
            "{\"host\": \"sim-b\", \"destinationName\": \"../../etc/x\"}",
            "destinationName",
            "'..'"),
        hostile(
            "XML in disk",
            "web2",
            "{\"host\": \"sim-b\", \"disks\": [\"vda\", \"<vdb>\"]}",
            "disks[1]",
            "(<)"),
        hostile(
            "climbing URI",
            "web2",
            "{\"host\": \"sim-b\", \"migrationUri\": \"unix:///run/../etc/x\"}",
            "migrationUri",
            "'..'"),
        hostile(
            "control character in URI",
            "web2",
            "{\"host\": \"sim-b\", \"migrationUri\": \"tcp://h\\u001b[2J\"}",
            "migrationUri",
            "\\u001b"),
        hostile("huge host", "web2", "{\"host\": \"" + huge + "\"}", "host", "too long (5000"));
  }

  private static Arguments hostile(
      String name, String vmInPath, String body, String field, String mentioned) {
    return Arguments.of(name, vmInPath, body, field, mentioned);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileInputs")
  void refusesHostileInputNamingItAndStartsNothing(
      String name, String vmInPath, String body, String field, String mentioned) throws Exception {
    List<String> before = stack.migrationWorkflows();

    Reply reply = stack.call("POST", "/v1/vms/" + vmInPath + "/migrate", body);

    assertEquals(400, reply.status(), reply.raw().body());
    assertEquals(field, reply.field(), reply.raw().body());
    assertTrue(reply.error().contains(mentioned), reply.error());
    assertTrue(reply.error().length() < 400, "a bounded message: " + reply.error().length());
    assertEquals(before, stack.migrationWorkflows());
  }

  @Test
  void servesPrometheusMetricsOfRequestsAndTheTemporalClient() throws Exception {
    stack.call("GET", "/v1/tasks/migration-nothing", null);

    // The SDK reports its client metrics on a timer: the first scrape may come before it.
    java.net.http.HttpResponse<String> metrics = stack.call("GET", "/metrics", null).raw();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    // The request's own series is recorded once its answer is sent, so it may lag a moment too.
    while (!(metrics.body().contains("temporal_request_total")
            && metrics.body().contains("route=\"/v1/tasks/{id}\",status=\"404\""))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      metrics = stack.call("GET", "/metrics", null).raw();
    }

    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(
        metrics
            .body()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("ferry_api_requests_seconds_count{")
                        && l.contains("route=\"/v1/tasks/{id}\"")
                        && l.contains("status=\"404\"")),
        metrics.body());
    assertTrue(metrics.body().contains("temporal_request_total"), "the SDK's client metrics");
  }

  @Test
  void unknownAndHostileTaskIdsAreRefusedBeforeTemporal() throws Exception {
    assertEquals(404, stack.call("GET", "/v1/tasks/migration-nothing", null).status());
    assertEquals(404, stack.call("GET", "/v1/tasks/hosts-1", null).status());
    assertEquals(404, stack.call("DELETE", "/v1/tasks/migration-nothing", null).status());
    Reply hostile = stack.call("GET", "/v1/tasks/migration-a%0Ab", null);
    assertEquals(400, hostile.status());
    assertEquals("id", hostile.field());
  }

  @Test
  void unknownRoutesAndMethodsAreRefused() throws Exception {
    assertEquals(404, stack.call("GET", "/v1/nothing", null).status());
    assertEquals(405, stack.call("PUT", "/v1/tasks/migration-web1", "{}").status());
    assertEquals(400, stack.call("GET", "/v1/migrations?limit=0", null).status());
  }

  @Test
  void refusesOversizedBodiesUnread() throws Exception {
    String body = "{\"host\": \"sim-b\", \"destinationName\": \"" + "a".repeat(70_000) + "\"}";

    Reply reply = stack.call("POST", "/v1/vms/web2/migrate", body);

    assertEquals(413, reply.status());
  }
}
