package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.activities.PausePoints;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.migration.MigrationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A dev server and any number of workers as separate processes, each worker with the test hook of
 * {@link PausePoints} switched on, so that a test can stop a worker at a precise point of a
 * migration and kill it there by pid. Progress is polled through a Temporal client of the test's
 * own (cheaper than a CLI process per poll); migrations are started, watched and cancelled with the
 * CLI.
 */
final class FaultStack {
  private static final Duration POLL = Duration.ofMillis(200);

  private final String name;
  private final Process server;
  private final Map<Long, Process> workers = new LinkedHashMap<>();
  private final WorkflowServiceStubs service;
  final WorkflowClient client;
  final Map<String, String> env;
  final Path hooks;
  private int started;

  private FaultStack(String name, Process server, Map<String, String> env, int port, Path hooks) {
    this.name = name;
    this.server = server;
    this.env = env;
    this.hooks = hooks;
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
    client = WorkflowClient.newInstance(service);
  }

  /** Starts the dev server and one worker, and waits until the worker answers. */
  static FaultStack start(String name, Path inventory) throws Exception {
    int port = FerryStack.freePort();
    Files.createDirectories(FerryProcess.LOGS);
    Path hooks = FerryProcess.LOGS.resolve(name + "-hooks");
    deleteTree(hooks);
    Files.createDirectories(hooks);
    // Worker logs of an earlier run would be counted by workerLogCount.
    try (Stream<Path> logs = Files.list(FerryProcess.LOGS)) {
      for (Path log :
          logs.filter(f -> f.getFileName().toString().startsWith(name + "-worker-")).toList()) {
        Files.delete(log);
      }
    }
    Map<String, String> env =
        Map.of(
            "TEMPORAL_ADDRESS",
            "localhost:" + port,
            "FERRY_CONFIG",
            inventory.toString(),
            PausePoints.ENV,
            hooks.toString());
    Process server =
        FerryProcess.start(name + "-dev-server", env, "dev-server", "--port", String.valueOf(port));
    FerryStack.waitForPort(port);
    FaultStack stack = new FaultStack(name, server, env, port, hooks);
    stack.startWorker();
    FerryProcess.Result hosts = stack.run("hosts", "--json");
    assertEquals(0, hosts.exitCode(), hosts.stderr());
    return stack;
  }

  /** Starts one more worker; returns its pid. */
  long startWorker() throws IOException {
    started++;
    Process worker = FerryProcess.start(name + "-worker-" + started, env, "worker");
    workers.put(worker.pid(), worker);
    return worker.pid();
  }

  /** Kills a worker of this stack with SIGKILL and waits until it is gone. */
  void kill(long pid) throws InterruptedException {
    Process worker = workers.remove(pid);
    if (worker == null) {
      throw new AssertionError(
          "pid " + pid + " is not a worker of this stack: " + workers.keySet());
    }
    worker.destroyForcibly();
    if (!worker.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("worker " + pid + " survived SIGKILL");
    }
  }

  /** Stops (politely) every worker but one, starting one if none is left. */
  void oneWorker() throws IOException, InterruptedException {
    if (workers.isEmpty()) {
      startWorker();
    }
    while (workers.size() > 1) {
      long pid = workers.keySet().iterator().next();
      FerryProcess.stop(workers.remove(pid));
    }
  }

  /** Pids of the workers alive. */
  List<Long> workerPids() {
    return List.copyOf(workers.keySet());
  }

  /** Arms a pause point: the next worker that reaches it for this guest waits there. */
  void hold(String point, String vm) throws IOException {
    Files.deleteIfExists(hooks.resolve("held-" + point + "-" + vm));
    Files.writeString(hooks.resolve("hold-" + point + "-" + vm), "", StandardCharsets.UTF_8);
  }

  /** Lets a worker held at a pause point go on (any later worker passes it too). */
  void release(String point, String vm) throws IOException {
    Files.deleteIfExists(hooks.resolve("hold-" + point + "-" + vm));
  }

  /** Waits until a worker waits at the pause point; returns its pid. */
  long awaitHeld(String point, String vm, Duration limit) throws Exception {
    Path held = hooks.resolve("held-" + point + "-" + vm);
    return await(
        "a worker to wait at " + point + " of " + vm,
        limit,
        () -> {
          String pid = Files.exists(held) ? Files.readString(held, StandardCharsets.UTF_8) : "";
          return pid.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(pid.strip()));
        });
  }

  /** A line of {@code points.log}: a worker passed a point. */
  record Point(String point, String vm, long pid, long epochMillis) {}

  /** Every point passed so far. */
  List<Point> points() throws IOException {
    Path log = hooks.resolve("points.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .map(line -> line.split(" "))
        .filter(f -> f.length == 4)
        .map(f -> new Point(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3])))
        .toList();
  }

  /** Waits until a point of this guest is passed by a worker with this pid; returns when. */
  long awaitPoint(String point, String vm, long pid, Duration limit) throws Exception {
    return await(
        "worker " + pid + " to reach " + point + " of " + vm,
        limit,
        () ->
            points().stream()
                .filter(p -> p.point().equals(point) && p.vm().equals(vm) && p.pid() == pid)
                .map(Point::epochMillis)
                .findFirst());
  }

  /** The workflow's progress, or empty if no worker answers the query now. */
  Optional<MigrationProgress> progress(String vm) {
    try {
      return Optional.of(
          client.newWorkflowStub(MigrationWorkflow.class, "migration-" + vm).progress());
    } catch (RuntimeException noAnswer) {
      return Optional.empty();
    }
  }

  /** Polls the workflow's progress query until the predicate holds; a dead worker is waited for. */
  MigrationProgress awaitProgress(String vm, String what, Predicate<MigrationProgress> condition)
      throws Exception {
    MigrationWorkflow workflow = client.newWorkflowStub(MigrationWorkflow.class, "migration-" + vm);
    // What the polls saw (each change once), so that a window the polls missed can be told from
    // one never reached.
    List<String> seen = new ArrayList<>();
    long start = System.nanoTime();
    try {
      return await(
          what,
          Duration.ofMinutes(3),
          () -> {
            long at = (System.nanoTime() - start) / 1_000_000;
            try {
              MigrationProgress progress = workflow.progress();
              String state = progress.phase() + " " + progress.dataProcessedBytes();
              if (seen.isEmpty() || !seen.get(seen.size() - 1).endsWith(" ms " + state)) {
                seen.add(at + " ms " + state);
              }
              if (condition.test(progress)) {
                return Optional.of(progress);
              }
              if (progress.outcome() != null) {
                throw new AssertionError(vm + " ended before " + what + ": " + progress.outcome());
              }
              return Optional.empty();
            } catch (AssertionError e) {
              throw e;
            } catch (RuntimeException notYet) {
              seen.add(at + " ms no answer: " + notYet);
              return Optional.empty();
            }
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "\nprogress polls, each change (ms since the first, phase, bytes processed):\n"
              + String.join("\n", seen.subList(Math.max(0, seen.size() - 60), seen.size())),
          e);
    }
  }

  /**
   * Writes the migration's history to {@code target/it-logs/histories/VM.json}: the histories of
   * these cases, copied into {@code workflows/src/test/resources/histories}, are replayed on every
   * build.
   */
  void saveHistory(String vm) throws IOException {
    Path dir = FerryProcess.LOGS.resolve("histories");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(vm + ".json"),
        client.fetchHistory("migration-" + vm).toJson(true),
        StandardCharsets.UTF_8);
  }

  /** How many lines of this stack's worker logs contain the text. */
  long workerLogCount(String text) throws IOException {
    long count = 0;
    try (Stream<Path> logs = Files.list(FerryProcess.LOGS)) {
      for (Path log :
          logs.filter(f -> f.getFileName().toString().startsWith(name + "-worker-")).toList()) {
        count +=
            Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(text))
                .count();
      }
    }
    return count;
  }

  FerryProcess.Result run(String... args) throws IOException, InterruptedException {
    return FerryProcess.run(FerryStack.COMMAND_LIMIT, env, args);
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
    return FerryStack.JSON.readTree(result.stdout());
  }

  /** Something to poll: empty until it holds. */
  @FunctionalInterface
  interface Poll<T> {
    Optional<T> poll() throws Exception;
  }

  static <T> T await(String what, Duration limit, Poll<T> poll) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Optional<T> value = poll.poll();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + limit + " for " + what);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Stops the workers and the server. */
  void close() throws InterruptedException {
    for (Process worker : workers.values()) {
      FerryProcess.stop(worker);
    }
    workers.clear();
    service.shutdownNow();
    FerryProcess.stop(server);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
