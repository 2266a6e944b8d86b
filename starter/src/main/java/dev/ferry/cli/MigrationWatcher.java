package dev.ferry.cli;

import dev.ferry.client.MigrationFollower;
import dev.ferry.client.MigrationView;
import dev.ferry.migration.MigrationOutcome;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/**
 * Follows a migration to its end with a progress line, then prints and returns its outcome. The
 * result is awaited with a long poll, so the outcome shows the moment the workflow closes; the
 * progress line is refreshed between waits.
 */
public final class MigrationWatcher {
  /** A progress line on a terminal is redrawn twice a second. */
  private static final long TERMINAL_REFRESH_MILLIS = 500;

  /**
   * Plain lines (a log, a script) change only at phase changes and 10% steps, so the workflow is
   * asked less often: each progress query is a workflow task on a worker, which replays the history
   * when the server keeps no sticky cache (the dev server), and competes with the transfer for the
   * worker's CPU.
   */
  private static final long PLAIN_REFRESH_MILLIS = 5_000;

  private final WorkflowClient client;
  private final String workflowId;
  private final boolean json;

  public MigrationWatcher(WorkflowClient client, String workflowId, boolean json) {
    this.client = client;
    this.workflowId = workflowId;
    this.json = json;
  }

  public int follow() {
    boolean interactive = Terminal.interactive();
    Duration refresh =
        Duration.ofMillis(interactive ? TERMINAL_REFRESH_MILLIS : PLAIN_REFRESH_MILLIS);
    ProgressLine line = new ProgressLine(System.err, interactive);
    MigrationFollower.Ending ending =
        new MigrationFollower(client).follow(workflowId, refresh, line::update);
    line.finish();
    if (ending.outcome() != null) {
      return print(ending.outcome());
    }
    System.err.println(
        "ferry: migration workflow "
            + workflowId
            + " ended without an outcome ("
            + ending.endedWithout()
            + "): inspect it with 'ferry status "
            + workflowId
            + "'");
    return ExitCode.ERROR;
  }

  private int print(MigrationOutcome outcome) {
    Output.print(json, MigrationView.ofOutcome(workflowId, outcome), OutcomeText.of(outcome));
    return ExitCode.of(outcome);
  }
}
