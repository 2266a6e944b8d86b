package dev.ferry.cli;

import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.EvacuationWorkflow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry evacuation status|watch|pause|resume|cancel ID}: a running evacuation. */
@Command(
    name = "evacuation",
    description = "Inspect, pause, resume or cancel an evacuation.",
    subcommands = {
      EvacuationCommand.Status.class,
      EvacuationCommand.Watch.class,
      EvacuationCommand.Pause.class,
      EvacuationCommand.Resume.class,
      EvacuationCommand.Cancel.class
    })
final class EvacuationCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name one of status, watch, pause, resume, cancel");
  }

  /** Accepts {@code evacuation-ID} or {@code ID}. */
  static String workflowId(String id) {
    return id.startsWith("evacuation-") ? id : EvacuationRequest.workflowIdFor(id);
  }

  static EvacuationWorkflow stub(io.temporal.client.WorkflowClient client, String id) {
    String workflowId = workflowId(id);
    if (new WorkflowInspector(client).describe(workflowId).isEmpty()) {
      throw new RefusedException(
          RefusedException.Kind.NOT_FOUND, "id", "no evacuation '" + id + "'");
    }
    return client.newWorkflowStub(EvacuationWorkflow.class, workflowId);
  }

  @Command(name = "status", description = "Per-guest state, counts, bytes moved and ETA.")
  static final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      return connection.withClient(
          client -> {
            EvacuationProgress progress = stub(client, id).progress();
            Output.print(json, progress, EvacuationView.table(progress));
            return ExitCode.OK;
          });
    }
  }

  @Command(name = "watch", description = "Follow an evacuation to its end.")
  static final class Watch implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      return connection.withClient(
          client -> {
            stub(client, id);
            return new EvacuationFollower(client, workflowId(id), json).follow();
          });
    }
  }

  @Command(name = "pause", description = "Start no new migration; those in flight go on.")
  static final class Pause implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      return connection.withClient(
          client -> {
            stub(client, id).pause();
            System.err.println("paused " + workflowId(id) + ": migrations in flight go on");
            return ExitCode.OK;
          });
    }
  }

  @Command(name = "resume", description = "Start migrations again.")
  static final class Resume implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      return connection.withClient(
          client -> {
            stub(client, id).resume();
            System.err.println("resumed " + workflowId(id));
            return ExitCode.OK;
          });
    }
  }

  @Command(name = "cancel", description = "Stop: in-flight migrations roll back (or finish).")
  static final class Cancel implements Callable<Integer> {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--reason", description = "why, recorded in the report")
    String reason = "requested with ferry evacuation cancel";

    @Option(names = "--wait", description = "wait for the report and exit with its code")
    boolean await;

    @Option(names = "--json", description = "print the report as JSON (with --wait)")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      return connection.withClient(
          client -> {
            stub(client, id).cancel(reason);
            System.err.println("cancel requested for " + workflowId(id));
            return await ? new EvacuationFollower(client, workflowId(id), json).follow() : 0;
          });
    }
  }
}
