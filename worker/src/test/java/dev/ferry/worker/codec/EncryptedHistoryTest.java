package dev.ferry.worker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.InventoryLoader;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationWorkflow;
import dev.ferry.migration.Outcome;
import dev.ferry.options.MigrationOptions;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.TemporalConnection;
import dev.ferry.worker.TemporalSettings;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration with payload encryption on: the history the service stores holds none of the plan's
 * details, yet the client reads the outcome, and the same history opens with the old key after a
 * rotation.
 */
class EncryptedHistoryTest {
  private static final String LOCAL_DISK = "/var/lib/libvirt/images/db7-data.qcow2";
  private static final String CPU_MODEL = "Icelake-Server-v7";
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a", sim: {cpuModel: %1$s}}
        - {name: sim-b, uri: "sim://sim-b", sim: {cpuModel: %1$s}}
      vms:
        - name: db7
          host: sim-a
          memoryMiB: 512
          dirtyMiBps: 4
          disks:
            - {target: vdb, path: %2$s, sizeMiB: 64, shared: false}
      sim: {speed: 8}
      """
          .formatted(CPU_MODEL, LOCAL_DISK);

  @TempDir Path dir;

  @Test
  void historyHoldsNoReadablePlanAndOldKeysStillOpenIt() throws Exception {
    String oldKey = Keys.fresh();
    Path keys = Keys.file(dir, "keys", "2026-05 " + oldKey);
    Path inventory = dir.resolve("ferry.yaml");
    Files.writeString(inventory, INVENTORY, StandardCharsets.UTF_8);
    DataConverter encrypting = converter(keys);

    MigrationOutcome outcome;
    History history;
    try (TestWorkflowEnvironment temporal = environment(encrypting);
        FerryWorker worker =
            FerryWorker.start(temporal.getWorkflowClient(), InventoryLoader.load(inventory))) {
      WorkflowClient client = temporal.getWorkflowClient();
      MigrationRequest request =
          new MigrationRequest("db7", null, "sim-b", MigrationOptions.defaults(), null);
      outcome =
          client
              .newWorkflowStub(
                  MigrationWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(request.workflowId())
                      .setTaskQueue(TemporalSettings.TASK_QUEUE)
                      .build())
              .migrate(request);
      history = storedHistory(client, request.workflowId());
      assertEquals(List.of("sim-b"), List.copyOf(worker.simCluster().whereIs("db7").keySet()));
    }

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(LOCAL_DISK, outcome.disks().get(0).path(), "the client reads the outcome");
    String stored = history.toByteString().toString(StandardCharsets.ISO_8859_1);
    assertFalse(stored.contains(LOCAL_DISK), "the disk path is stored in clear");
    assertFalse(stored.contains(CPU_MODEL), "the CPU model is stored in clear");
    assertFalse(stored.contains("MIGRATED"), "the outcome is stored in clear");

    // The details are there, sealed: after a rotation the old key, kept second, opens them.
    Path rotated = Keys.file(dir, "rotated", "2026-11 " + Keys.fresh(), "2026-05 " + oldKey);
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.load(rotated));
    String opened = decodedPayloads(history, codec);
    assertTrue(opened.contains(LOCAL_DISK), "the plan should be in the decoded history");
    assertTrue(opened.contains("MIGRATED"), "the outcome should be in the decoded history");
  }

  private static DataConverter converter(Path keys) {
    return TemporalConnection.dataConverter(
        TemporalSettings.resolve(null, null, Map.of("FERRY_PAYLOAD_KEY_FILE", keys.toString())));
  }

  private static TestWorkflowEnvironment environment(DataConverter converter) {
    return TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder()
            .setUseTimeskipping(false)
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
            .build());
  }

  /** The history exactly as the service stores it, without any client-side decoding. */
  private static History storedHistory(WorkflowClient client, String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getHistory();
  }

  /** Every payload of the history decoded and concatenated as text. */
  private static String decodedPayloads(History history, AesGcmPayloadCodec codec) {
    List<Payload> payloads = new ArrayList<>();
    history
        .getEventsList()
        .forEach(
            event ->
                event.getAllFields().values().forEach(attributes -> collect(attributes, payloads)));
    StringBuilder text = new StringBuilder();
    codec.decode(payloads).forEach(p -> text.append(p.getData().toStringUtf8()).append('\n'));
    return text.toString();
  }

  /** Finds payloads at any depth of a protobuf message. */
  private static void collect(Object value, List<Payload> payloads) {
    if (value instanceof Payload payload) {
      payloads.add(payload);
    } else if (value instanceof com.google.protobuf.Message message) {
      message.getAllFields().values().forEach(v -> collect(v, payloads));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, payloads));
    }
  }
}
