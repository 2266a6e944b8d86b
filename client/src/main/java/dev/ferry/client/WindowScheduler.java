package dev.ferry.client;

import dev.ferry.maintenance.MaintenanceWindowWorkflow;
import dev.ferry.maintenance.WindowRequest;
import dev.ferry.registration.TaskQueues;
import dev.ferry.validation.InputValidator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates maintenance windows: a one-off one is a workflow whose durable timer waits for the start;
 * a recurring one is a Temporal Schedule that starts such a workflow at every occurrence.
 * Temporal's dev server has no Schedules: there a recurring window is refused, and nothing is
 * created.
 */
public final class WindowScheduler {
  private WindowScheduler() {}

  /** A schedule client sharing the workflow client's namespace and payload converter. */
  static ScheduleClient schedules(WorkflowClient client) {
    return ScheduleClient.newInstance(
        client.getWorkflowServiceStubs(),
        ScheduleClientOptions.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setDataConverter(client.getOptions().getDataConverter())
            .build());
  }

  /** Starts a one-off window; returns its workflow id. */
  public static String oneOff(WorkflowClient client, WindowRequest request) {
    MaintenanceWindowWorkflow window =
        client.newWorkflowStub(
            MaintenanceWindowWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WindowRequest.workflowIdFor(request.name()))
                .setTaskQueue(TaskQueues.FERRY)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setStaticSummary(
                    "maintenance window for "
                        + String.join(", ", request.hosts())
                        + " from "
                        + request.start()
                        + " to "
                        + request.end())
                .build());
    try {
      WorkflowClient.start(window::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw conflict(request.name());
    }
    return WindowRequest.workflowIdFor(request.name());
  }

  /**
   * Creates a recurring window: every time the cron expression fires (from {@code firstStart} on),
   * a window of {@code request.length()} opens.
   *
   * @throws RefusedException when the server has no Schedules (the dev server), naming why
   */
  public static String recurring(
      WorkflowClient client, WindowRequest request, String cron, Instant firstStart) {
    String id = WindowRequest.workflowIdFor(request.name());
    Schedule schedule =
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType(MaintenanceWindowWorkflow.class)
                    .setArguments(request)
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(id)
                            .setTaskQueue(TaskQueues.FERRY)
                            .build())
                    .build())
            .setSpec(
                ScheduleSpec.newBuilder()
                    .setCronExpressions(List.of(cron))
                    .setStartAt(firstStart)
                    .build())
            .build();
    try {
      schedules(client).createSchedule(id, schedule, ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException e) {
      throw conflict(request.name());
    } catch (RuntimeException e) {
      if (unimplemented(e)) {
        throw new RefusedException(
            RefusedException.Kind.INVALID,
            "every",
            "recurring windows (--every) need Temporal Schedules, which this Temporal server does"
                + " not implement (the dev server, Temporal's Java test server, has none): nothing"
                + " was created. Create one-off windows here, or use a real Temporal cluster.");
      }
      throw e;
    }
    return id;
  }

  /**
   * Cancels a window, as {@code ferry window cancel} does: an open or waiting window workflow is
   * signalled (before its start nothing changes; while open its evacuation is cancelled), and a
   * recurring window's schedule is deleted.
   *
   * @param name the window's name, or its id {@code window-NAME}
   * @return the ids of what was cancelled: the window, its schedule, or both
   * @throws RefusedException {@code NOT_FOUND} when there is no such window, {@code CONFLICT} when
   *     it has already ended and has no schedule
   */
  public static List<String> cancel(WorkflowClient client, String name, String reason) {
    String id = idOf(name);
    List<String> done = new ArrayList<>();
    WorkflowInspector inspector = new WorkflowInspector(client);
    Optional<DescribeWorkflowExecutionResponse> window = inspector.describe(id);
    if (window.isPresent() && inspector.running(window.get())) {
      client.newWorkflowStub(MaintenanceWindowWorkflow.class, id).cancel(reason);
      done.add(id);
    }
    try {
      schedules(client).getHandle(id).delete();
      done.add("schedule " + id);
    } catch (RuntimeException noSchedule) {
      // A one-off window, or a server without Schedules: nothing recurring to remove.
    }
    if (done.isEmpty() && window.isPresent()) {
      throw new RefusedException(
          RefusedException.Kind.CONFLICT,
          "name",
          "window '" + name + "' has already ended (" + inspector.status(window.get()) + ")");
    }
    if (done.isEmpty()) {
      throw new RefusedException(
          RefusedException.Kind.NOT_FOUND,
          "name",
          "no open window or schedule '" + name + "' (see 'ferry window list')");
    }
    return done;
  }

  /**
   * The workflow id of a window given by its name or its id {@code window-NAME}.
   *
   * @throws IllegalArgumentException naming the field when the name is not a valid window name
   */
  static String idOf(String name) {
    String id =
        name != null && name.startsWith("window-") ? name : WindowRequest.workflowIdFor(name);
    InputValidator.requireName("name", "window name", id.substring("window-".length()));
    return id;
  }

  static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }

  private static RefusedException conflict(String name) {
    return new RefusedException(
        RefusedException.Kind.CONFLICT,
        "name",
        "a window named '"
            + name
            + "' already exists: cancel it (ferry window cancel "
            + name
            + ", or DELETE /v1/windows/"
            + name
            + ") or pick another name");
  }
}
