package dev.ferry.client;

import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationProgress;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Running and recent migrations, newest first, one row each: for {@code ferry list} and the HTTP
 * API. Row fields are a contract with scripts.
 */
public final class MigrationListing {
  private static final String MIGRATION_TYPE = "Migration";

  private MigrationListing() {}

  /** At most {@code limit} migrations, newest first. */
  public static List<Map<String, Object>> recent(WorkflowClient client, int limit) {
    WorkflowInspector inspector = new WorkflowInspector(client);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (WorkflowExecutionInfo info : executions(client, MIGRATION_TYPE, limit)) {
      rows.add(row(inspector, info));
    }
    return rows;
  }

  /**
   * Every workflow of the namespace through the older open/closed listings, which the dev server
   * answers (it has no visibility queries); callers filter by type.
   */
  static List<WorkflowExecutionInfo> openAndClosed(WorkflowClient client) {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub stub =
        client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    List<WorkflowExecutionInfo> found = new ArrayList<>();
    found.addAll(
        stub.listOpenWorkflowExecutions(
                ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(1000)
                    .build())
            .getExecutionsList());
    found.addAll(
        stub.listClosedWorkflowExecutions(
                ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setMaximumPageSize(1000)
                    .build())
            .getExecutionsList());
    return found;
  }

  /**
   * Workflows of one type, newest first, by visibility query on a real server; the dev server lacks
   * that API, so there the older open/closed listings (filtered here by type) are used. Runs that
   * continued as new are left out: the run they continued in stands for them.
   */
  static List<WorkflowExecutionInfo> executions(WorkflowClient client, String type, int limit) {
    WorkflowServiceGrpc.WorkflowServiceBlockingStub stub =
        client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    List<WorkflowExecutionInfo> found = new ArrayList<>();
    try {
      found.addAll(
          stub.listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setPageSize(limit)
                      .setQuery("WorkflowType = '" + type + "'")
                      .build())
              .getExecutionsList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      found.addAll(openAndClosed(client));
    }
    return found.stream()
        .filter(info -> info.getType().getName().equals(type))
        .filter(
            info ->
                info.getStatus()
                    != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW)
        .sorted(
            Comparator.comparingLong((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
                .reversed())
        .limit(limit)
        .toList();
  }

  private static Map<String, Object> row(WorkflowInspector inspector, WorkflowExecutionInfo info) {
    String id = info.getExecution().getWorkflowId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("workflowId", id);
    boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    row.put(
        "status",
        info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT));
    row.put("started", Instant.ofEpochSecond(info.getStartTime().getSeconds()).toString());
    if (running) {
      MigrationProgress progress = inspector.progress(id).orElse(null);
      row.put("phase", progress == null ? "?" : progress.phase().name());
      row.put("outcome", "");
      if (progress != null) {
        row.put("vm", progress.vm());
        row.put("source", progress.source());
        row.put("destination", progress.destination());
        row.put("percent", progress.percent());
      }
    } else {
      row.put("phase", "DONE");
      try {
        MigrationOutcome outcome = inspector.outcome(id);
        row.put("outcome", outcome.outcome().name());
        row.put("vm", outcome.vm());
        row.put("source", outcome.source());
        row.put("destination", outcome.destination());
      } catch (RuntimeException e) {
        row.put("outcome", "-");
      }
    }
    return row;
  }
}
