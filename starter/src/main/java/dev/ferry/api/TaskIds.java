package dev.ferry.api;

import dev.ferry.migration.MigrationRequest;
import dev.ferry.validation.InputValidator;

/** Task ids are migration workflow ids: {@code migration-VM}. */
final class TaskIds {
  private static final String PREFIX = MigrationRequest.workflowIdFor("");

  private TaskIds() {}

  /**
   * The workflow id a task id names, checked before it reaches Temporal.
   *
   * @throws ApiError 404 for an id that is no migration's
   * @throws dev.ferry.validation.InvalidInputException for a hostile VM part
   */
  static String require(String id) {
    if (id == null || !id.startsWith(PREFIX)) {
      throw new ApiError(
          404, "id", "no task " + InputValidator.shown(id) + ": task ids are " + PREFIX + "VM");
    }
    InputValidator.requireName("id", "task id's VM name", vmOf(id));
    return id;
  }

  static String vmOf(String workflowId) {
    return workflowId.substring(PREFIX.length());
  }
}
