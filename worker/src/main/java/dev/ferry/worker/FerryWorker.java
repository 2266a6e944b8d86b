package dev.ferry.worker;

import dev.ferry.activities.FaultHook;
import dev.ferry.activities.FleetActivitiesImpl;
import dev.ferry.activities.HostRegistry;
import dev.ferry.activities.InventoryActivitiesImpl;
import dev.ferry.activities.MigrationActivitiesImpl;
import dev.ferry.activities.PausePoints;
import dev.ferry.activities.ReservationLedger;
import dev.ferry.activities.TransferControlActivitiesImpl;
import dev.ferry.activities.WorkflowMaintenanceLookup;
import dev.ferry.config.Inventory;
import dev.ferry.hypervisor.HypervisorFactory;
import dev.ferry.hypervisor.libvirt.LibvirtDriver;
import dev.ferry.hypervisor.sim.SimCluster;
import dev.ferry.hypervisor.sim.SimDriver;
import dev.ferry.registration.FerryWorkflows;
import dev.ferry.worker.logging.LogContextInterceptor;
import dev.ferry.worker.metrics.MigrationMetricsInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running ferry worker: the inventory's hosts opened, workflows and activities registered on the
 * {@code ferry} task queue. Used by {@code ferry worker}, by the demo and by tests.
 */
public final class FerryWorker implements AutoCloseable {
  private final WorkerFactory factory;
  private final MigrationActivitiesImpl migrationActivities;
  private final SimCluster simCluster;
  private final LibvirtDriver libvirt;

  private FerryWorker(
      WorkerFactory factory,
      MigrationActivitiesImpl migrationActivities,
      SimCluster simCluster,
      LibvirtDriver libvirt) {
    this.factory = factory;
    this.migrationActivities = migrationActivities;
    this.simCluster = simCluster;
    this.libvirt = libvirt;
  }

  /** Opens the inventory's hosts, registers everything and starts polling. */
  public static FerryWorker start(WorkflowClient client, Inventory inventory) {
    SimCluster sim = SimCluster.from(inventory);
    List<HypervisorFactory> drivers = new ArrayList<>();
    drivers.add(new SimDriver(sim));
    LibvirtDriver libvirt = new LibvirtDriver();
    drivers.add(libvirt);
    HostRegistry hosts = new HostRegistry(inventory, drivers);
    ReservationLedger reservations = new ReservationLedger();
    // Pause points exist only for the lab's fault tests; unset, the hook does nothing.
    FaultHook faults = sim.faults().andThen(PausePoints.fromEnvironment());
    MigrationActivitiesImpl migrations = new MigrationActivitiesImpl(hosts, reservations, faults);

    // Migration metrics go through the client's metrics scope: silent unless one was given.
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(
                    new MigrationMetricsInterceptor(), new LogContextInterceptor())
                .build());
    Worker worker = factory.newWorker(TemporalSettings.TASK_QUEUE, workerOptions());
    FerryWorkflows.register(worker);
    worker.registerActivitiesImplementations(
        migrations,
        new InventoryActivitiesImpl(hosts, reservations),
        new TransferControlActivitiesImpl(hosts),
        new FleetActivitiesImpl(hosts, reservations, new WorkflowMaintenanceLookup(client)));
    factory.start();
    return new FerryWorker(factory, migrations, sim, libvirt);
  }

  /**
   * Heartbeats go out at least every second (the SDK's default waits up to 80% of the heartbeat
   * timeout): they carry live progress, and cancellation reaches a running transfer only through
   * them, so an abort takes effect within a second or two.
   */
  static WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1))
        .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1))
        .build();
  }

  /** The simulated cluster behind {@code sim://} hosts, for tests and the demo. */
  public SimCluster simCluster() {
    return simCluster;
  }

  @Override
  public void close() {
    factory.shutdown();
    migrationActivities.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    libvirt.close();
  }
}
