package dev.ferry.cli;

import dev.ferry.control.ControlResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** How {@code ferry tune} and {@code ferry force-complete} report what the job does now. */
final class ControlOutput {
  private ControlOutput() {}

  static void print(boolean json, String workflowId, ControlResult result) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("workflowId", workflowId);
    view.put("action", result.action());
    view.put("maxDowntimeMs", result.maxDowntimeMs());
    view.put("bandwidthMiBps", result.bandwidthMiBps());
    view.put("postcopy", result.postcopy());
    view.put("sourcePaused", result.sourcePaused());
    String text =
        workflowId
            + ": "
            + result.action()
            + "; the job now has max downtime "
            + result.maxDowntimeMs()
            + " ms, bandwidth "
            + (result.bandwidthMiBps() == 0 ? "unlimited" : result.bandwidthMiBps() + " MiB/s")
            + (result.postcopy() ? ", in post-copy" : "");
    Output.print(json, view, text);
  }
}
