package dev.ferry.cli;

import dev.ferry.client.ControlAnswer;
import dev.ferry.control.ControlResult;

/** How {@code ferry tune} and {@code ferry force-complete} report what the job does now. */
final class ControlOutput {
  private ControlOutput() {}

  static void print(boolean json, String workflowId, ControlResult result) {
    Output.print(
        json, ControlAnswer.of(workflowId, result), ControlAnswer.text(workflowId, result));
  }
}
