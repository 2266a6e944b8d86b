package dev.ferry.bench;

import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.EvacuationWorkflow;
import dev.ferry.evacuation.VmState;
import dev.ferry.migration.MigrationInspection;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.worker.DevServer;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.TemporalConnection;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The real evacuation workflow for the benchmark's fleet: a dev server and a ferry worker (the same
 * wiring as {@code ferry worker}) in this process over the simulated driver, the evacuation started
 * as {@code ferry evacuate} starts it, every guest then looked up on the simulated hosts.
 */
final class WorkflowRun {
  /** Simulated seconds per real second: fine enough ticks for pre-copy to converge. */
  private static final double SPEED = 50;

  private final BenchFleet fleet;
  private final long seed;

  WorkflowRun(BenchFleet fleet, long seed) {
    this.fleet = fleet;
    this.seed = seed;
  }

  void run(List<BenchFleet.Vm> moving) throws IOException {
    try (DevServer server = DevServer.start(freePort())) {
      WorkflowClient client =
          TemporalConnection.connect(TemporalSettings.resolve(server.address(), null, Map.of()));
      try (FerryWorker worker = FerryWorker.start(client, fleet.inventory(SPEED))) {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        EvacuationRequest request =
            EvacuationRequest.builder("bench-" + seed, fleet.drained).build();
        EvacuationWorkflow stub =
            client.newWorkflowStub(
                EvacuationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(request.workflowId())
                    .setTaskQueue(TemporalSettings.TASK_QUEUE)
                    .setTypedSearchAttributes(
                        SearchAttributes.newBuilder()
                            .set(MigrationInspection.BATCH_ID, request.batchId())
                            .build())
                    .build());
        long started = System.nanoTime();
        EvacuationProgress report = stub.evacuate(request);
        double wall = (System.nanoTime() - started) / 1e9;
        long placed = 0;
        for (BenchFleet.Vm vm : moving) {
          Map<String, String> where = worker.simCluster().whereIs(vm.name());
          boolean once =
              where.size() == 1 && !fleet.drained.contains(where.keySet().iterator().next());
          placed += once ? 1 : 0;
        }
        long peak =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        WorkflowExecutionHistory history = client.fetchHistory(request.workflowId());
        WorkflowExecutionHistory child =
            client.fetchHistory(MigrationRequest.workflowIdFor(moving.get(0).name()));
        System.out.printf(
            Locale.ROOT,
            "workflow run on the sim driver (%.0fx): %d/%d migrated, %d accounted for, %d on exactly"
                + " one destination, in %.1f s real time, %d run(s)%n",
            SPEED,
            report.count(VmState.MIGRATED),
            moving.size(),
            report.vms().size(),
            placed,
            wall,
            report.run());
        System.out.printf(
            Locale.ROOT,
            "history: evacuation %d events (%d KiB), one child migration %d events (%d KiB)%n",
            history.getEvents().size(),
            history.getHistory().getSerializedSize() / 1024,
            child.getEvents().size(),
            child.getHistory().getSerializedSize() / 1024);
        System.out.printf(
            Locale.ROOT,
            "worker peak heap: %d MiB (one JVM: dev server, worker and benchmark)%n",
            peak / (1024 * 1024));
      } finally {
        TemporalConnection.close(client);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
