package dev.ferry.cli;

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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry list}: running and recent migrations, newest first. */
@Command(name = "list", description = "List running and recent migrations.")
final class ListCommand implements Callable<Integer> {
  private static final String MIGRATION_TYPE = "Migration";

  @Option(names = "--limit", description = "at most this many (default 50)")
  int limit = 50;

  @Option(names = "--json", description = "print a JSON array")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          WorkflowInspector inspector = new WorkflowInspector(client);
          List<Map<String, Object>> rows = new ArrayList<>();
          for (WorkflowExecutionInfo info : executions(client)) {
            rows.add(row(inspector, info));
          }
          if (json) {
            System.out.println(Output.toJson(rows));
          } else {
            System.out.printf(
                Locale.ROOT,
                "%-32s %-11s %-16s %s%n",
                "WORKFLOW",
                "STATUS",
                "PHASE/OUTCOME",
                "STARTED");
            for (Map<String, Object> row : rows) {
              Object state =
                  "running".equals(row.get("status")) ? row.get("phase") : row.get("outcome");
              System.out.printf(
                  Locale.ROOT,
                  "%-32s %-11s %-16s %s%n",
                  row.get("workflowId"),
                  row.get("status"),
                  state,
                  row.get("started"));
            }
          }
          return ExitCode.OK;
        });
  }

  /**
   * Migrations by visibility query on a real server; the dev server lacks that API, so there the
   * older open/closed listings (filtered here by type) are used.
   */
  private List<WorkflowExecutionInfo> executions(WorkflowClient client) {
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
                      .setQuery("WorkflowType = '" + MIGRATION_TYPE + "'")
                      .build())
              .getExecutionsList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
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
    }
    return found.stream()
        .filter(info -> info.getType().getName().equals(MIGRATION_TYPE))
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
