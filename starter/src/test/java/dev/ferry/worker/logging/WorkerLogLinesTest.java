package dev.ferry.worker.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.config.InventoryLoader;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.migration.Outcome;
import dev.ferry.options.MigrationOptions;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every line the worker writes while it migrates a guest names the migration: workflow id, VM and
 * both hosts, in the text format of the CLI's own logback configuration.
 */
class WorkerLogLinesTest {
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a"}
        - {name: sim-b, uri: "sim://sim-b"}
      vms:
        - {name: stubborn, host: sim-a, memoryMiB: 256, dirtyMiBps: 64, workingSetMiB: 24}
      sim: {speed: 8}
      """;

  @TempDir Path dir;

  @Test
  void everyWorkerLineOfAMigrationNamesItsWorkflowVmAndHosts() throws Exception {
    Path inventory = dir.resolve("ferry.yaml");
    Files.writeString(inventory, INVENTORY, StandardCharsets.UTF_8);
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger ferry = logging.getLogger("dev.ferry");
    Level before = ferry.getLevel();
    // An event reads the MDC lazily: take it on the logging thread, as a console appender does.
    ListAppender<ILoggingEvent> captured =
        new ListAppender<>() {
          @Override
          protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
          }
        };
    captured.setContext(logging);
    captured.start();
    ferry.setLevel(Level.INFO);
    // Captured here only, not written to the build's console as well.
    ferry.setAdditive(false);
    ferry.addAppender(captured);
    MigrationOutcome outcome;
    Map<String, String> moved;
    try (TestWorkflowEnvironment temporal =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        FerryWorker worker =
            FerryWorker.start(temporal.getWorkflowClient(), InventoryLoader.load(inventory))) {
      // Capped below its dirty rate: it converges after two convergence steps, which are logged.
      MigrationRequest request =
          new MigrationRequest(
              "stubborn",
              "sim-a",
              "sim-b",
              MigrationOptions.builder().bandwidthMiBps(32L).build(),
              null);
      outcome =
          temporal
              .getWorkflowClient()
              .newWorkflowStub(
                  MigrationWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(request.workflowId())
                      .setTaskQueue(TemporalSettings.TASK_QUEUE)
                      .build())
              .migrate(request);
      moved = worker.simCluster().whereIs("stubborn");
    } finally {
      ferry.detachAppender(captured);
      ferry.setAdditive(true);
      ferry.setLevel(before);
    }
    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Map.of("sim-b", "running"), moved, "where the guest runs");

    Encoder<ILoggingEvent> text = textEncoder(logging);
    List<String> lines =
        captured.list.stream()
            .map(event -> new String(text.encode(event), StandardCharsets.UTF_8).strip())
            .toList();
    String context = "[workflow=migration-stubborn vm=stubborn source=sim-a destination=sim-b]";
    assertTrue(lines.size() >= 5, "start, check, steps, perform, end: " + lines);
    for (String line : lines) {
      assertTrue(line.contains(context), "line without the migration: " + line);
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("migration started")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("migration ended: MIGRATED")), "" + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("ConvergenceControl")), "" + lines);
  }

  @SuppressWarnings("unchecked")
  private static Encoder<ILoggingEvent> textEncoder(LoggerContext logging) {
    return ((OutputStreamAppender<ILoggingEvent>)
            logging.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("text"))
        .getEncoder();
  }
}
