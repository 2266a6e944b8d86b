package dev.ferry.cli;

import dev.ferry.client.EvacuationListing;
import dev.ferry.client.Evacuations;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.evacuation.EvacuationProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry evacuation list}, and {@code ferry evacuation status|watch|pause|resume|cancel ID}:
 * a running evacuation.
 */
@Command(
    name = "evacuation",
    description = "Inspect, pause, resume or cancel an evacuation.",
    subcommands = {
      EvacuationCommand.ListAll.class,
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
        spec.commandLine(), "name one of list, status, watch, pause, resume, cancel");
  }

  /** Named so as not to hide {@link java.util.List}; the command is {@code list}. */
  @Command(
      name = "list",
      description =
          "Running and recent evacuations, newest first (those of windows and maintenance too).")
  static final class ListAll implements Callable<Integer> {
    @Option(names = "--limit", description = "at most this many (default 20)")
    int limit = 20;

    @Option(names = "--json", description = "print a JSON array")
    boolean json;

    @Mixin ConnectionOptions connection;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (limit < 1) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--limit must be at least 1, got " + limit);
      }
      return connection.withClient(
          client -> {
            List<Map<String, Object>> rows = EvacuationListing.recent(client, limit);
            if (json) {
              System.out.println(Output.toJson(rows));
            } else {
              System.out.print(EvacuationTable.of(rows));
            }
            return ExitCode.OK;
          });
    }
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
            boolean running =
                new WorkflowInspector(client).running(Evacuations.require(client, id));
            EvacuationProgress progress =
                Evacuations.progress(client, Evacuations.workflowId(id), running)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "no worker answered for evacuation " + id + ": is one running?"));
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
            Evacuations.require(client, id);
            return new EvacuationWatcher(client, Evacuations.workflowId(id), json).follow();
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
            Evacuations.pause(client, id);
            System.err.println(
                "paused " + Evacuations.workflowId(id) + ": migrations in flight go on");
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
            Evacuations.resume(client, id);
            System.err.println("resumed " + Evacuations.workflowId(id));
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
            Evacuations.cancel(client, id, reason);
            String workflowId = Evacuations.workflowId(id);
            System.err.println("cancel requested for " + workflowId);
            return await ? new EvacuationWatcher(client, workflowId, json).follow() : 0;
          });
    }
  }
}
