package dev.ferry.cli;

import dev.ferry.client.MigrationControls;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.control.ControlResult;
import dev.ferry.control.TransferTuning;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry tune ID --max-downtime MS --bandwidth MIBPS}: changes a running transfer. */
@Command(
    name = "tune",
    description = "Change the max downtime and/or bandwidth of a running transfer.")
final class TuneCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "workflow id (migration-VM) or VM name")
  String id;

  @Option(names = "--max-downtime", paramLabel = "MS", description = "longest pause at switch-over")
  Long maxDowntimeMs;

  @Option(names = "--bandwidth", paramLabel = "MIBPS", description = "bandwidth cap in MiB/s")
  Long bandwidthMiBps;

  @Option(names = "--json", description = "print the job's settings as one JSON object")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    // Checked before connecting: a bad value must not wait on Temporal to be refused.
    TransferTuning tuning = new TransferTuning(maxDowntimeMs, bandwidthMiBps);
    return connection.withClient(
        client -> {
          String workflowId = new WorkflowInspector(client).resolveId(id);
          ControlResult result = MigrationControls.tune(client, workflowId, tuning);
          ControlOutput.print(json, workflowId, result);
          return ExitCode.OK;
        });
  }
}
