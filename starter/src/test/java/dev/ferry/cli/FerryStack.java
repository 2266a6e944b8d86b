package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.client.MigrationView;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationProgress;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A dev server and a worker as two processes, and a way to run CLI commands against them. */
final class FerryStack {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration COMMAND_LIMIT = Duration.ofMinutes(3);

  private final Process server;
  private final Process worker;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  final Map<String, String> env;

  private FerryStack(Process server, Process worker, Map<String, String> env, int port) {
    this.server = server;
    this.worker = worker;
    this.env = env;
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
    client = WorkflowClient.newInstance(service);
  }

  /**
   * Starts both and waits until the worker answers a workflow.
   *
   * @param extraEnv more environment for every process, as name and value pairs
   */
  static FerryStack start(String name, Path inventory, String... extraEnv) throws Exception {
    int port = freePort();
    Map<String, String> env = new java.util.HashMap<>();
    env.put("TEMPORAL_ADDRESS", "localhost:" + port);
    env.put("FERRY_CONFIG", inventory.toString());
    for (int i = 0; i + 1 < extraEnv.length; i += 2) {
      env.put(extraEnv[i], extraEnv[i + 1]);
    }
    Process server =
        FerryProcess.start(name + "-dev-server", env, "dev-server", "--port", String.valueOf(port));
    waitForPort(port);
    Process worker = FerryProcess.start(name + "-worker", env, "worker");
    FerryStack stack = new FerryStack(server, worker, env, port);
    // hosts runs a workflow on the worker: it answers only once the worker polls.
    FerryProcess.Result hosts = stack.run("hosts", "--json");
    assertEquals(0, hosts.exitCode(), hosts.stderr());
    return stack;
  }

  FerryProcess.Result run(String... args) throws IOException, InterruptedException {
    return FerryProcess.run(COMMAND_LIMIT, env, args);
  }

  /** Runs a command with {@code --json} and parses what it printed. */
  JsonNode json(int expectedExit, String... args) throws IOException, InterruptedException {
    String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
    withJson[args.length] = "--json";
    FerryProcess.Result result = run(withJson);
    assertEquals(
        expectedExit,
        result.exitCode(),
        "ferry " + String.join(" ", args) + ": " + result.stdout() + result.stderr());
    return JSON.readTree(result.stdout());
  }

  /** Polls the migration's status until its transfer has moved data. */
  JsonNode waitForTransfer(String id) throws Exception {
    return waitForTransfer(id, "bytes moved", view -> view.path("dataProcessedBytes").asLong() > 0);
  }

  /**
   * Waits for a sample of the running transfer that meets the condition: the first sample of a job
   * can come before the source has measured anything (rate 0), so a test of the rate waits for a
   * measured one. Each poll builds the view {@code ferry status --json} prints, in this process: a
   * CLI process per poll would compete with the emulated guests for the CPU.
   */
  JsonNode waitForTransfer(String id, String what, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    WorkflowInspector inspector = new WorkflowInspector(client);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Optional<DescribeWorkflowExecutionResponse> description = inspector.describe(id);
      if (description.isPresent() && !inspector.running(description.get())) {
        throw new AssertionError(id + " ended before a sample with " + what + ": " + last);
      }
      Optional<MigrationProgress> progress =
          description.isPresent() ? inspector.progress(id) : Optional.empty();
      if (progress.isPresent()) {
        JobStats live = inspector.liveStats(description.get()).orElse(null);
        JsonNode view = Output.JSON.valueToTree(MigrationView.of(id, progress.get(), live));
        last = view;
        if ("PERFORM".equals(view.path("phase").asText()) && condition.test(view)) {
          return view;
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError(id + " showed no sample with " + what + " in 2 minutes: " + last);
  }

  void close() throws InterruptedException {
    service.shutdownNow();
    FerryProcess.stop(worker);
    FerryProcess.stop(server);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("localhost", port)) {
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
