package dev.ferry.cli;

import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.maintenance.HostMaintenanceWorkflow;
import dev.ferry.maintenance.MaintenanceRequest;
import dev.ferry.maintenance.MaintenanceState;
import dev.ferry.validation.InputValidator;
import dev.ferry.worker.TemporalSettings;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry host maintenance on|off|status HOST}: a host's durable maintenance state. */
@Command(
    name = "host",
    description = "A host's maintenance state.",
    subcommands = {HostCommand.Maintenance.class})
final class HostCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
  }

  /** What the maintenance command does. */
  enum Action {
    on,
    off,
    status
  }

  @Command(
      name = "maintenance",
      description = "on: the host receives no guests (--evacuate drains it too); off; status.")
  static final class Maintenance implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "on|off|status")
    Action action;

    @Parameters(index = "1", paramLabel = "HOST")
    String host;

    @Option(names = "--evacuate", description = "with on: move its guests off, under limits")
    boolean evacuate;

    @Option(names = "--max-per-source", paramLabel = "N")
    Integer maxPerSource;

    @Option(names = "--max-per-destination", paramLabel = "N")
    Integer maxPerDestination;

    @Option(names = "--reason", description = "why, shown in its state")
    String reason = "ferry host maintenance on";

    @Option(names = "--json", description = "print the state as one JSON object")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      InputValidator.requireName("host", "host name", host);
      String id = HostMaintenanceWorkflow.workflowIdFor(host);
      return connection.withClient(
          () ->
              connection
                  .optionalInventory()
                  .ifPresent(inventory -> MigrationStarter.requireHost(inventory, "host", host)),
          client -> {
            boolean open = isOpen(client, id);
            switch (action) {
              case on -> enter(client, id, open);
              case off -> leave(client, id, open);
              case status -> {}
            }
            return show(client, id);
          });
    }

    private void enter(WorkflowClient client, String id, boolean open) {
      if (open) {
        throw new RefusedException(
            RefusedException.Kind.CONFLICT, "host", "host " + host + " is already in maintenance");
      }
      EvacuationRequest evacuation =
          evacuate
              ? new EvacuationRequest(
                  "maint-" + host + "-" + Instant.now().getEpochSecond(),
                  List.of(host),
                  null,
                  new EvacuationLimits(null, maxPerSource, maxPerDestination, null),
                  null,
                  null,
                  null,
                  null,
                  null,
                  false,
                  null,
                  null,
                  null,
                  null)
              : null;
      HostMaintenanceWorkflow maintenance =
          client.newWorkflowStub(
              HostMaintenanceWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(id)
                  .setTaskQueue(TemporalSettings.TASK_QUEUE)
                  .setWorkflowIdConflictPolicy(
                      WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                  .setStaticSummary("host " + host + " in maintenance")
                  .build());
      try {
        WorkflowClient.start(maintenance::hold, new MaintenanceRequest(host, reason, evacuation));
      } catch (WorkflowExecutionAlreadyStarted e) {
        throw new RefusedException(
            RefusedException.Kind.CONFLICT, "host", "host " + host + " is already in maintenance");
      }
    }

    private void leave(WorkflowClient client, String id, boolean open) {
      if (!open) {
        throw new RefusedException(
            RefusedException.Kind.CONFLICT, "host", "host " + host + " is not in maintenance");
      }
      client.newWorkflowStub(HostMaintenanceWorkflow.class, id).leave(reason);
    }

    private int show(WorkflowClient client, String id) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("host", host);
      boolean open = isOpen(client, id);
      view.put("inMaintenance", open);
      if (open) {
        try {
          MaintenanceState state =
              client.newWorkflowStub(HostMaintenanceWorkflow.class, id).state();
          view.put("since", String.valueOf(state.since()));
          view.put("reason", state.reason());
          view.put("evacuationId", state.evacuationId());
        } catch (RuntimeException noWorkerYet) {
          // The state is durable; only its details wait for a worker to answer.
        }
      }
      String text =
          "host "
              + host
              + (open ? " is in maintenance" : " is not in maintenance")
              + (view.get("evacuationId") != null
                  ? "; evacuation " + view.get("evacuationId")
                  : "");
      Output.print(json, view, text);
      return ExitCode.OK;
    }
  }

  static boolean isOpen(WorkflowClient client, String id) {
    return new WorkflowInspector(client)
        .describe(id)
        .map(
            d ->
                d.getWorkflowExecutionInfo().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }
}
