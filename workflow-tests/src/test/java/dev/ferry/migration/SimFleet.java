package dev.ferry.migration;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.activities.HostRegistry;
import dev.ferry.activities.MigrationActivitiesImpl;
import dev.ferry.activities.ReservationLedger;
import dev.ferry.activities.TransferControlActivitiesImpl;
import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.config.SimHostConfig;
import dev.ferry.config.SimSettings;
import dev.ferry.config.SimVmConfig;
import dev.ferry.config.SimVmConfig.SimDiskConfig;
import dev.ferry.convergence.ConvergenceAction;
import dev.ferry.convergence.ConvergencePolicy;
import dev.ferry.convergence.ConvergenceStep;
import dev.ferry.hypervisor.sim.SimCluster;
import dev.ferry.hypervisor.sim.SimDriver;
import dev.ferry.options.MigrationOptions;
import dev.ferry.registration.FerryWorkflows;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A time-skipping Temporal test environment with the real migration activities over a fresh
 * simulated cluster of three hosts. One per test, so faults and moved guests never leak.
 */
final class SimFleet implements AutoCloseable {
  static final String TASK_QUEUE = "ferry-test";

  /** Running, 1 GiB, one shared disk: the plain case. */
  static final String WEB = "web";

  /** Running, with a local (non-shared) disk that must be copied. */
  static final String DB = "db";

  /** Dirties memory faster than its capped bandwidth: never converges until cancelled. */
  static final String BUSY = "busy";

  /** Shut off: moves offline. */
  static final String IDLE = "idle";

  /** Owns a passed-through GPU. */
  static final String GPU = "gpu";

  /** Needs more memory than any host has. */
  static final String HUGE = "huge";

  /** Exists on sim-a and, under the same name, on sim-b. */
  static final String TWIN = "twin";

  /** A guest its operator paused: live migration keeps it paused, nothing ever resumes it. */
  static final String SLEEPER = "sleeper";

  /**
   * Dirties memory faster than 32 MiB/s but keeps rewriting the same 24 MiB: capped at 32 MiB/s its
   * last pass needs 750 ms, so it converges only once the max downtime is raised that far.
   */
  static final String STUBBORN = "stubborn";

  /** Dirties all of its 512 MiB faster than 32 MiB/s: capped at that, pre-copy never converges. */
  static final String STALLED = "stalled";

  /** The bandwidth cap under which STUBBORN and STALLED do not converge by themselves. */
  static final long CAP_MIBPS = 32;

  /** A policy that never ends a migration within a test: for tests that end it themselves. */
  static final ConvergencePolicy PATIENT =
      new ConvergencePolicy(
          "patient",
          300,
          List.of(ConvergenceStep.afterPasses(1_000_000, ConvergenceAction.ABORT)),
          false,
          1_000_000_000,
          0,
          1_000_000_000);

  static final String DB_LOCAL_DISK = "/var/lib/libvirt/images/db-data.qcow2";

  /** Running, its one disk a local overlay on a local base image: for incremental copies. */
  static final String LAYERED = "layered";

  static final String LAYERED_DISK = "/var/lib/libvirt/images/layered.qcow2";

  static final String LAYERED_BASE = "/var/lib/libvirt/images/base-debian.qcow2";

  private static final long HOST_MEMORY_MIB = 65_536;

  final SimCluster cluster;
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  private final MigrationActivitiesImpl activities;

  SimFleet() {
    this(1000.0);
  }

  /**
   * @param speed simulated seconds per real second; the job is sampled every half real second, so a
   *     slower fleet gives the convergence policy more samples per simulated minute
   */
  SimFleet(double speed) {
    Inventory inventory = inventory(speed);
    cluster = SimCluster.from(inventory);
    HostRegistry hosts = new HostRegistry(inventory, List.of(new SimDriver(cluster)));
    activities = new MigrationActivitiesImpl(hosts, new ReservationLedger(), cluster.faults());
    env = TestWorkflowEnvironment.newInstance();
    // As the dev server does at start and an operator does once on a real cluster.
    for (SearchAttributeKey<String> key : MigrationInspection.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    // Cancellation reaches the perform activity only through a heartbeat response: send them
    // often, so a cancelled test does not wait for the default throttle of 80% of the timeout.
    Worker worker =
        env.newWorker(
            TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofMillis(100))
                .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(100))
                .build());
    FerryWorkflows.register(worker);
    worker.registerActivitiesImplementations(activities, new TransferControlActivitiesImpl(hosts));
    env.start();
    client = env.getWorkflowClient();
  }

  private static Inventory inventory(double speed) {
    SimHostConfig host = new SimHostConfig(null, null, HOST_MEMORY_MIB, null);
    List<HostConfig> hosts =
        List.of(
            new HostConfig("sim-a", "sim://sim-a", null, null, null, host, null),
            new HostConfig("sim-b", "sim://sim-b", null, null, null, host, null),
            new HostConfig("sim-c", "sim://sim-c", null, null, null, host, null));
    List<SimVmConfig> vms =
        List.of(
            vm(WEB, "sim-a", 1024L, 16L, "running", List.of(shared("vda", WEB)), List.of()),
            vm(
                DB,
                "sim-a",
                2048L,
                16L,
                "running",
                List.of(
                    shared("vda", DB),
                    new SimDiskConfig("vdb", DB_LOCAL_DISK, 512L, false, "qcow2")),
                List.of()),
            vm(BUSY, "sim-a", 4096L, 64L, "running", List.of(shared("vda", BUSY)), List.of()),
            vm(IDLE, "sim-a", 1024L, 0L, "shut-off", List.of(shared("vda", IDLE)), List.of()),
            vm(GPU, "sim-a", 1024L, 16L, "running", List.of(), List.of("pci_0000_3b_00_0")),
            vm(HUGE, "sim-c", 2 * HOST_MEMORY_MIB, 16L, "running", List.of(), List.of()),
            vm(TWIN, "sim-a", 512L, 16L, "running", List.of(), List.of()),
            vm(SLEEPER, "sim-a", 512L, 0L, "paused", List.of(shared("vda", SLEEPER)), List.of()),
            vm(TWIN, "sim-b", 512L, 16L, "running", List.of(), List.of()),
            vm(
                LAYERED,
                "sim-a",
                512L,
                16L,
                "running",
                List.of(
                    new SimDiskConfig(
                        "vda", LAYERED_DISK, 256L, false, "qcow2", LAYERED_BASE, "qcow2")),
                List.of()),
            new SimVmConfig(
                STUBBORN, "sim-a", 256L, 64L, "running", null, List.of(), List.of(), null, 24L),
            new SimVmConfig(
                STALLED, "sim-a", 512L, 64L, "running", null, List.of(), List.of(), null, null));
    return new Inventory(hosts, vms, new SimSettings(speed, null));
  }

  private static SimVmConfig vm(
      String name,
      String host,
      Long memoryMiB,
      Long dirtyMiBps,
      String state,
      List<SimDiskConfig> disks,
      List<String> devices) {
    return new SimVmConfig(
        name, host, memoryMiB, dirtyMiBps, state, null, disks, devices, null, null);
  }

  private static SimDiskConfig shared(String target, String vm) {
    return new SimDiskConfig(target, "/shared/" + vm + "-" + target + ".qcow2", 1024L, true, null);
  }

  /**
   * When perform starts for the guest, a domain of its name but another UUID, unknown to ferry,
   * appears on the destination.
   */
  void namesakeAppearsAtPerform(String vm, String destination) {
    cluster
        .faults()
        .atPhase(
            Phase.PERFORM,
            vm,
            () -> cluster.addStranger(destination, vm, "/var/lib/libvirt/images/other.qcow2"));
  }

  /** A live migration with default options. */
  static MigrationRequest request(String vm, String source, String destination) {
    return new MigrationRequest(vm, source, destination, MigrationOptions.defaults(), null);
  }

  /** A typed stub for this request's workflow id, on the test task queue, started as ferry does. */
  MigrationWorkflow stub(MigrationRequest request) {
    return client.newWorkflowStub(
        MigrationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setTaskQueue(TASK_QUEUE)
            .setWorkflowExecutionTimeout(Duration.ofDays(2))
            .setTypedSearchAttributes(MigrationInspection.atStart(request))
            .setMemo(MigrationInspection.memo(request))
            .setStaticSummary(MigrationInspection.summary(request))
            .build());
  }

  /** Runs a migration to its outcome; time skips while it waits. */
  MigrationOutcome migrate(MigrationRequest request) {
    return stub(request).migrate(request);
  }

  /** A migration started in the background, with a handle to watch and cancel it. */
  Running start(MigrationRequest request) {
    MigrationWorkflow workflow = stub(request);
    WorkflowClient.start(workflow::migrate, request);
    WorkflowStub untyped = WorkflowStub.fromTyped(workflow);
    // Time skips only while a test thread blocks on this future (join or get).
    return new Running(workflow, untyped, untyped.getResultAsync(MigrationOutcome.class));
  }

  /** Waits, in real time, for something the simulated cluster does on a transfer thread. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      sleep(Duration.ofMillis(5));
    }
  }

  /** Every guest of the fleet and where it is, to show that a refusal changed nothing. */
  Map<String, Map<String, String>> snapshot() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (String vm : List.of(WEB, DB, BUSY, IDLE, GPU, HUGE, TWIN, STUBBORN, STALLED)) {
      all.put(vm, cluster.whereIs(vm));
    }
    return all;
  }

  @Override
  public void close() {
    env.close();
    activities.shutdown();
  }

  /** A migration in progress. */
  record Running(
      MigrationWorkflow workflow, WorkflowStub stub, CompletableFuture<MigrationOutcome> result) {

    /** Polls the progress query until it matches, for at most ten real seconds. */
    MigrationProgress awaitProgress(Predicate<MigrationProgress> condition) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        MigrationProgress progress = workflow.progress();
        if (condition.test(progress)) {
          return progress;
        }
        sleep(Duration.ofMillis(10));
      }
      throw new AssertionError("progress never matched; last: " + workflow.progress());
    }

    MigrationOutcome outcome() {
      return result.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /**
     * Cancels the workflow and returns the outcome it reached. The Java SDK closes a workflow whose
     * cancellation was requested as cancelled and drops its return value, so the outcome is read
     * back through the {@code progress} query, which still answers after the workflow closed.
     */
    MigrationOutcome cancelAndAwaitOutcome() {
      stub.cancel();
      CompletionException thrown =
          assertThrows(
              CompletionException.class, () -> result.orTimeout(30, TimeUnit.SECONDS).join());
      WorkflowFailedException failed =
          assertInstanceOf(WorkflowFailedException.class, thrown.getCause());
      assertInstanceOf(CanceledFailure.class, failed.getCause());
      MigrationOutcome outcome = workflow.progress().outcome();
      assertNotNull(outcome, "the workflow closed without an outcome");
      return outcome;
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
