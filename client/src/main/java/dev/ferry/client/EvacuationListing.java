package dev.ferry.client;

import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.VmState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Running and recent evacuations, newest first, one row each: for the HTTP API and its dashboard.
 * Those a maintenance window or a host entering maintenance started are listed too. Row fields are
 * a contract with scripts.
 */
public final class EvacuationListing {
  private static final String EVACUATION_TYPE = "Evacuation";

  private EvacuationListing() {}

  /** At most {@code limit} evacuations, newest first. */
  public static List<Map<String, Object>> recent(WorkflowClient client, int limit) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (WorkflowExecutionInfo info : MigrationListing.executions(client, EVACUATION_TYPE, limit)) {
      rows.add(row(client, info));
    }
    return rows;
  }

  private static Map<String, Object> row(WorkflowClient client, WorkflowExecutionInfo info) {
    String id = info.getExecution().getWorkflowId();
    boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("workflowId", id);
    row.put(
        "status",
        info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT));
    row.put("started", Instant.ofEpochSecond(info.getStartTime().getSeconds()).toString());
    Optional<EvacuationProgress> progress = Evacuations.progress(client, id, running);
    row.put("phase", progress.map(p -> p.phase().name()).orElse(running ? "?" : "-"));
    progress.ifPresent(
        p -> {
          row.put("batchId", p.batchId());
          row.put("hosts", p.hosts());
          row.put("vms", p.vms().size());
          row.put("migrated", p.count(VmState.MIGRATED));
          row.put("migrating", p.count(VmState.MIGRATING));
          row.put("pending", p.count(VmState.PENDING));
          row.put("bytesTotal", p.bytesTotal());
          row.put("bytesMoved", p.bytesMoved());
          row.put("etaSeconds", p.etaSeconds());
        });
    return row;
  }
}
