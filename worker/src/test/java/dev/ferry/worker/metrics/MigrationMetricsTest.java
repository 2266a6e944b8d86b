package dev.ferry.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.InventoryLoader;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.migration.Outcome;
import dev.ferry.options.MigrationOptions;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker with metrics counts each migration once by outcome and hosts, next to the SDK's own
 * figures, all in one Prometheus scrape.
 */
class MigrationMetricsTest {
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a"}
        - {name: sim-b, uri: "sim://sim-b"}
      vms:
        - {name: web1, host: sim-a, memoryMiB: 512, dirtyMiBps: 4}
        - {name: web2, host: sim-a, memoryMiB: 512, dirtyMiBps: 4}
        - {name: flaky, host: sim-a, memoryMiB: 512, dirtyMiBps: 4}
        - {name: stubborn, host: sim-a, memoryMiB: 256, dirtyMiBps: 64, workingSetMiB: 24}
      sim:
        speed: 8
        faults:
          - {phase: perform, vm: flaky, action: fail-permanent}
      """;

  @TempDir Path dir;

  @Test
  void countsMigrationsByOutcomeAndHosts() throws Exception {
    Path inventory = dir.resolve("ferry.yaml");
    Files.writeString(inventory, INVENTORY, StandardCharsets.UTF_8);
    try (FerryMetrics metrics = FerryMetrics.create(Duration.ofMillis(20));
        TestWorkflowEnvironment temporal =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder()
                    .setUseTimeskipping(false)
                    .setMetricsScope(metrics.scope())
                    .build());
        FerryWorker worker =
            FerryWorker.start(temporal.getWorkflowClient(), InventoryLoader.load(inventory))) {
      WorkflowClient client = temporal.getWorkflowClient();

      MigrationOutcome web1 = migrate(client, "web1", "sim-a");
      assertEquals(Outcome.MIGRATED, web1.outcome(), web1.reason());
      MigrationOutcome web2 = migrate(client, "web2", null);
      assertEquals(Outcome.MIGRATED, web2.outcome(), web2.reason());
      assertEquals(Outcome.ROLLED_BACK, migrate(client, "flaky", "sim-a").outcome());
      assertTrue(migrate(client, "ghost", "sim-a").refused());
      // Capped below its dirty rate, it converges once the max downtime was raised twice.
      MigrationOutcome stubborn = migrate(client, "stubborn", "sim-a", 32L);
      assertEquals(Outcome.MIGRATED, stubborn.outcome(), stubborn.reason());
      assertEquals(2, stubborn.steps().size(), stubborn.steps().toString());
      assertEquals(
          "sim-b", worker.simCluster().whereIs("web1").keySet().iterator().next(), "moved");

      Map<String, String> aToB = Map.of("source", "sim-a", "destination", "sim-b");
      Map<String, String> foundToB = Map.of("source", "found", "destination", "sim-b");
      Map<String, String> raised =
          Map.of("source", "sim-a", "destination", "sim-b", "action", "raise_max_downtime");
      // The last migration's figures: the SDK reports on a timer, all series at once.
      Scrape scrape = Scrape.await(metrics, "ferry_migration_convergence_steps_total", raised, 2);
      assertEquals(1, scrape.value("ferry_migrations_refused_total", aToB));
      assertEquals(4, scrape.value("ferry_migrations_started_total", aToB));
      assertEquals(1, scrape.value("ferry_migrations_started_total", foundToB));
      assertEquals(3, scrape.value("ferry_migrations_succeeded_total", aToB));
      assertEquals(1, scrape.value("ferry_migrations_rolled_back_total", aToB));
      assertEquals(0, scrape.value("ferry_migrations_needing_attention_total", aToB));
      assertEquals(3, scrape.value("ferry_migration_duration_seconds_count", aToB));
      assertEquals(
          2,
          scrape.value("ferry_migration_convergence_steps_total", raised),
          scrape.series("ferry_migration"));
      assertTrue(scrape.value("ferry_migration_transferred_bytes_total", aToB) > 512 << 20);
      assertTrue(scrape.has("ferry_migration_downtime_seconds_bucket"), "a histogram");
      assertTrue(scrape.has("temporal_workflow_completed_total"), "the SDK's own metrics");
    }
  }

  private static MigrationOutcome migrate(WorkflowClient client, String vm, String source) {
    return migrate(client, vm, source, null);
  }

  private static MigrationOutcome migrate(
      WorkflowClient client, String vm, String source, Long bandwidthMiBps) {
    MigrationOptions options =
        bandwidthMiBps == null
            ? MigrationOptions.defaults()
            : MigrationOptions.builder().bandwidthMiBps(bandwidthMiBps).build();
    MigrationRequest request = new MigrationRequest(vm, source, "sim-b", options, null);
    return client
        .newWorkflowStub(
            MigrationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.workflowId())
                .setTaskQueue(TemporalSettings.TASK_QUEUE)
                .build())
        .migrate(request);
  }
}
