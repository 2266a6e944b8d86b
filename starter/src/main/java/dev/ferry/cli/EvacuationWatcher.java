package dev.ferry.cli;

import dev.ferry.client.EvacuationFollower;
import dev.ferry.evacuation.EvacuationProgress;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/**
 * Follows an evacuation to its end with a progress line on stderr, then prints its report. The
 * result follows the workflow across its continue-as-new runs.
 */
final class EvacuationWatcher {
  private static final Duration REFRESH = Duration.ofSeconds(1);

  private final WorkflowClient client;
  private final String workflowId;
  private final boolean json;

  EvacuationWatcher(WorkflowClient client, String workflowId, boolean json) {
    this.client = client;
    this.workflowId = workflowId;
    this.json = json;
  }

  int follow() {
    ProgressLine line = new ProgressLine(System.err, Terminal.interactive());
    EvacuationProgress report =
        new EvacuationFollower(client)
            .follow(workflowId, REFRESH, progress -> line.text(EvacuationView.line(progress)));
    line.finish();
    return print(report);
  }

  int print(EvacuationProgress report) {
    Output.print(json, report, EvacuationView.table(report));
    return EvacuationView.exitCode(report);
  }
}
