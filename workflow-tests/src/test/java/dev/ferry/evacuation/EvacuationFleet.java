package dev.ferry.evacuation;

import dev.ferry.activities.FleetActivitiesImpl;
import dev.ferry.activities.HostRegistry;
import dev.ferry.activities.MigrationActivitiesImpl;
import dev.ferry.activities.ReservationLedger;
import dev.ferry.activities.WorkflowMaintenanceLookup;
import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.config.SimHostConfig;
import dev.ferry.config.SimSettings;
import dev.ferry.config.SimVmConfig;
import dev.ferry.hypervisor.sim.SimCluster;
import dev.ferry.hypervisor.sim.SimDriver;
import dev.ferry.migration.MigrationInspection;
import dev.ferry.registration.FerryWorkflows;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A time-skipping Temporal environment with every ferry workflow and the real activities over a
 * simulated fleet: two hosts to drain ({@code src-a}, {@code src-b}) and three destinations. Guests
 * are given per test.
 */
final class EvacuationFleet implements AutoCloseable {
  static final String TASK_QUEUE = "ferry-evacuation-test";
  static final long HOST_MEMORY_MIB = 16_384;
  static final List<String> DESTINATIONS = List.of("dst-1", "dst-2", "dst-3");

  final SimCluster cluster;
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final List<SimVmConfig> guests;
  private final MigrationActivitiesImpl migrations;

  /**
   * @param speed simulated seconds per real second
   * @param linkMiBps every host's link
   */
  EvacuationFleet(double speed, long linkMiBps, List<SimVmConfig> guests) {
    this.guests = List.copyOf(guests);
    List<HostConfig> hosts = new ArrayList<>();
    SimHostConfig model = new SimHostConfig(null, "Skylake-Server", HOST_MEMORY_MIB, linkMiBps);
    for (String name : List.of("src-a", "src-b", "dst-1", "dst-2", "dst-3")) {
      hosts.add(new HostConfig(name, "sim://" + name, null, null, null, model, null));
    }
    Inventory inventory = new Inventory(hosts, guests, new SimSettings(speed, null));
    cluster = SimCluster.from(inventory);
    HostRegistry registry = new HostRegistry(inventory, List.of(new SimDriver(cluster)));
    ReservationLedger reservations = new ReservationLedger();
    migrations = new MigrationActivitiesImpl(registry, reservations, cluster.faults());
    env = TestWorkflowEnvironment.newInstance();
    for (SearchAttributeKey<String> key : MigrationInspection.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker =
        env.newWorker(
            TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofMillis(100))
                .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(100))
                .build());
    FerryWorkflows.register(worker);
    client = env.getWorkflowClient();
    worker.registerActivitiesImplementations(
        migrations,
        new FleetActivitiesImpl(registry, reservations, new WorkflowMaintenanceLookup(client)));
    env.start();
  }

  /** A running guest with no disk to copy. */
  static SimVmConfig vm(String name, String host, long memoryMiB) {
    return new SimVmConfig(name, host, memoryMiB, 16L, "running", null, null, null, null, null);
  }

  static SimVmConfig labelled(String name, String host, long memoryMiB, String group) {
    return new SimVmConfig(
        name,
        host,
        memoryMiB,
        16L,
        "running",
        null,
        null,
        null,
        Map.of("antiAffinity", group),
        null);
  }

  /** The request every test starts from: drain both sources. */
  static EvacuationRequest request(String batchId, EvacuationLimits limits) {
    return EvacuationRequest.builder(batchId, List.of("src-a", "src-b")).limits(limits).build();
  }

  /** A stub for the evacuation, started as the CLI starts one. */
  EvacuationWorkflow stub(EvacuationRequest request) {
    return client.newWorkflowStub(
        EvacuationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.workflowId())
            .setTaskQueue(TASK_QUEUE)
            .setWorkflowExecutionTimeout(Duration.ofDays(7))
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(MigrationInspection.BATCH_ID, request.batchId())
                    .build())
            .build());
  }

  /** Where each guest of the fleet is now: host to state, for every host that has it. */
  Map<String, Map<String, String>> whereIs() {
    Map<String, Map<String, String>> all = new java.util.LinkedHashMap<>();
    guests.forEach(g -> all.put(g.name(), cluster.whereIs(g.name())));
    return all;
  }

  @Override
  public void close() {
    env.close();
    migrations.shutdown();
  }

  /** Puts a host in maintenance as {@code ferry host maintenance on} does. */
  static void holdInMaintenance(EvacuationFleet fleet, String host) {
    dev.ferry.maintenance.HostMaintenanceWorkflow maintenance =
        fleet.client.newWorkflowStub(
            dev.ferry.maintenance.HostMaintenanceWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(dev.ferry.maintenance.HostMaintenanceWorkflow.workflowIdFor(host))
                .setTaskQueue(TASK_QUEUE)
                .build());
    WorkflowClient.start(
        maintenance::hold, new dev.ferry.maintenance.MaintenanceRequest(host, "test", null));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Waits, in real time, until the guest's transfer runs: an incoming copy on a destination. */
  static void awaitInFlight(EvacuationFleet fleet, String vm) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (fleet.cluster.whereIs(vm).size() < 2) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(vm + " never got in flight: " + fleet.cluster.whereIs(vm));
      }
      sleep(5);
    }
  }
}
