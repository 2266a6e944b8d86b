package dev.ferry.client;

import dev.ferry.control.ControlResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a control ({@code tune}, {@code force-complete}) answers, in both faces: the migration's
 * {@code id} as the API's tasks name it and {@code workflowId} as the CLI's outputs do (the same
 * value), and what the job does now.
 */
public final class ControlAnswer {
  private ControlAnswer() {}

  public static Map<String, Object> of(String workflowId, ControlResult result) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", workflowId);
    view.put("workflowId", workflowId);
    view.put("action", result.action());
    view.put("maxDowntimeMs", result.maxDowntimeMs());
    view.put("bandwidthMiBps", result.bandwidthMiBps());
    view.put("postcopy", result.postcopy());
    view.put("sourcePaused", result.sourcePaused());
    return view;
  }

  /** The same answer as one sentence. */
  public static String text(String workflowId, ControlResult result) {
    return workflowId
        + ": "
        + result.action()
        + "; the job now has max downtime "
        + result.maxDowntimeMs()
        + " ms, bandwidth "
        + (result.bandwidthMiBps() == 0 ? "unlimited" : result.bandwidthMiBps() + " MiB/s")
        + (result.postcopy() ? ", in post-copy" : "");
  }

  /** What an accepted abort answers. */
  public static Map<String, Object> aborted(String workflowId, String message) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", workflowId);
    view.put("workflowId", workflowId);
    view.put("message", message);
    return view;
  }
}
