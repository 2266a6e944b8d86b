package dev.ferry.client;

import dev.ferry.maintenance.MaintenanceWindowWorkflow;
import dev.ferry.maintenance.WindowReport;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintenance windows, one row each: windows from the open and closed listings (which the dev
 * server has too), then recurring windows from Temporal Schedules where the server has them.
 */
public final class WindowListing {
  private static final String WINDOW_TYPE = "MaintenanceWindow";

  private WindowListing() {}

  /**
   * Every window: {@code workflowId}, {@code phase} ({@code WAITING}, {@code OPEN}, {@code CLOSED},
   * {@code CANCELLED}, or {@code RECURRING} for a schedule), {@code start}, {@code end}, {@code
   * hosts} and, once open, {@code evacuationId}.
   */
  public static List<Map<String, Object>> all(WorkflowClient client) {
    List<WorkflowExecutionInfo> found = MigrationListing.openAndClosed(client);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (WorkflowExecutionInfo info : found) {
      if (info.getType().getName().equals(WINDOW_TYPE)) {
        rows.add(row(client, info));
      }
    }
    try {
      WindowScheduler.schedules(client)
          .listSchedules()
          .filter(s -> s.getScheduleId().startsWith("window-"))
          .forEach(
              s -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("workflowId", s.getScheduleId());
                row.put("phase", "RECURRING");
                row.put("start", "");
                row.put("end", "");
                row.put("hosts", "");
                rows.add(row);
              });
    } catch (RuntimeException e) {
      if (!WindowScheduler.unimplemented(e)) {
        throw e;
      }
    }
    return rows;
  }

  /**
   * The row of one window, by its name or its id {@code window-NAME}.
   *
   * @throws RefusedException {@code NOT_FOUND} when there is no such window
   */
  public static Map<String, Object> one(WorkflowClient client, String name) {
    String id = WindowScheduler.idOf(name);
    return all(client).stream()
        .filter(row -> id.equals(row.get("workflowId")))
        .findFirst()
        .orElseThrow(
            () ->
                new RefusedException(
                    RefusedException.Kind.NOT_FOUND,
                    "name",
                    "no window '" + name + "' (see 'ferry window list')"));
  }

  private static Map<String, Object> row(WorkflowClient client, WorkflowExecutionInfo info) {
    String id = info.getExecution().getWorkflowId();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("workflowId", id);
    boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    try {
      WindowReport status =
          client
              .newWorkflowStub(
                  MaintenanceWindowWorkflow.class,
                  io.temporal.client.WorkflowTargetOptions.newBuilder()
                      .setWorkflowId(id)
                      .setRunId(info.getExecution().getRunId())
                      .build())
              .status();
      row.put("phase", status.phase().name());
      row.put("start", String.valueOf(status.start()));
      row.put("end", String.valueOf(status.end()));
      row.put("hosts", String.join(",", status.hosts()));
      row.put("evacuationId", status.evacuationId());
    } catch (StatusRuntimeException | io.temporal.client.WorkflowException e) {
      row.put("phase", running ? "?" : "CLOSED");
      row.put("start", "");
      row.put("end", "");
      row.put("hosts", "");
    }
    return row;
  }
}
