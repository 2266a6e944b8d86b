package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.client.KnownHosts;
import dev.ferry.config.Inventory;
import dev.ferry.config.InventoryLoader;
import dev.ferry.migration.MigrationInspection;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.metrics.FerryMetrics;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API server in this JVM with a bearer token, over an in-memory Temporal service (real time)
 * and a ferry worker on simulated hosts. Requests go through {@link HttpClient}, as any client's.
 */
final class ApiStack implements AutoCloseable {
  static final String TOKEN = "test-token-4f1c9a";
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Three hosts; web guests converge in a second or two; slow guests dirty memory faster than the
   * 32 MiB/s the tests cap them at, so they run until cancelled.
   */
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a", sim: {memoryMiB: 131072}}
        - {name: sim-b, uri: "sim://sim-b", sim: {memoryMiB: 131072}}
        - {name: sim-c, uri: "sim://sim-c", sim: {memoryMiB: 131072}}
      vms:
        - {name: web1, host: sim-a, memoryMiB: 1024, dirtyMiBps: 8}
        - {name: web2, host: sim-a, memoryMiB: 1024, dirtyMiBps: 8}
        - {name: slow1, host: sim-a, memoryMiB: 4096, dirtyMiBps: 64}
        - {name: slow2, host: sim-a, memoryMiB: 4096, dirtyMiBps: 64}
      sim: {speed: 4}
      """;

  /** Body that keeps a slow guest migrating until cancelled. */
  static final String SLOW_BODY = "{\"host\": \"sim-b\", \"bandwidthMiBps\": 32}";

  final TestWorkflowEnvironment temporal;
  final WorkflowClient client;
  final FerryWorker worker;
  final FerryMetrics metrics;
  final ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path inventoryFile;

  ApiStack(Path dir) throws IOException {
    this(dir, INVENTORY);
  }

  /** The same stack over another simulated fleet. */
  ApiStack(Path dir, String inventoryYaml) throws IOException {
    Path file = dir.resolve("ferry.yaml");
    inventoryFile = file;
    Files.writeString(file, inventoryYaml, StandardCharsets.UTF_8);
    Inventory inventory = InventoryLoader.load(file);
    metrics = FerryMetrics.create(Duration.ofMillis(50));
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setMetricsScope(metrics.scope())
                .build());
    // As the dev server does at start and an operator does once on a real cluster.
    for (SearchAttributeKey<String> key : MigrationInspection.ALL) {
      temporal.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    client = temporal.getWorkflowClient();
    worker = FerryWorker.start(client, inventory);
    server =
        ApiServer.start(
            client,
            Optional.of(new KnownHosts(inventory.hostNames())),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            TOKEN,
            metrics);
  }

  /** One exchange's outcome. */
  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String field() {
      return body.path("field").isNull() ? null : body.path("field").asText();
    }

    String error() {
      return body.path("error").asText();
    }
  }

  /** The inventory file the API and its worker read, for a CLI run against the same hosts. */
  String inventoryFile() {
    return inventoryFile.toString();
  }

  Reply call(String method, String path, String body) throws IOException, InterruptedException {
    return call(method, path, body, "Bearer " + TOKEN);
  }

  Reply call(String method, String path, String body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    boolean isJson =
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    JsonNode json =
        isJson && !response.body().isEmpty() ? JSON.readTree(response.body()) : JSON.nullNode();
    return new Reply(response.statusCode(), json, response);
  }

  String base() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  /** Polls the task until it leaves {@code running}. */
  Reply awaitEnd(String taskId) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Reply task = call("GET", "/v1/tasks/" + taskId, null);
      if (task.status() != 200 || !"running".equals(task.body().path("status").asText())) {
        return task;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(taskId + " still running after two minutes");
  }

  /** Polls the task until its transfer is under way. */
  void awaitPerform(String taskId) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      Reply task = call("GET", "/v1/tasks/" + taskId, null);
      if ("PERFORM".equals(task.body().path("migration").path("phase").asText())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(taskId + " never reached the transfer");
  }

  /** Polls the evacuation until it leaves {@code running}. */
  Reply awaitEvacuationEnd(String id) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      Reply evacuation = call("GET", "/v1/evacuations/" + id, null);
      if (evacuation.status() != 200
          || !"running".equals(evacuation.body().path("status").asText())) {
        return evacuation;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(id + " still running after two minutes");
  }

  /** Polls a GET until its answer passes the test; answers that answer. */
  Reply await(String path, java.util.function.Predicate<JsonNode> test)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    Reply reply = call("GET", path, null);
    while (!test.test(reply.body())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " never answered as expected: " + reply.body());
      }
      Thread.sleep(100);
      reply = call("GET", path, null);
    }
    return reply;
  }

  /** Every migration workflow the service has seen, open or closed, by workflow id. */
  List<String> migrationWorkflows() {
    return workflows("Migration");
  }

  /**
   * Every workflow the service has seen, of any type (migrations, evacuations, maintenance,
   * windows), as {@code type workflowId/runId}: a refusal must leave this unchanged.
   */
  List<String> allWorkflows() {
    return workflows(null);
  }

  private List<String> workflows(String type) {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub stub =
        client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    all.addAll(
        stub.listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(1000)
                    .build())
            .getExecutionsList());
    all.addAll(
        stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(1000)
                    .build())
            .getExecutionsList());
    return all.stream()
        .filter(info -> type == null || info.getType().getName().equals(type))
        .map(
            info ->
                (type == null ? info.getType().getName() + " " : "")
                    + info.getExecution().getWorkflowId()
                    + "/"
                    + info.getExecution().getRunId())
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    server.close();
    worker.close();
    temporal.close();
    metrics.close();
  }
}
