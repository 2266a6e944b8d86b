package dev.ferry.client;

import dev.ferry.registration.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.UUID;

/**
 * A short workflow that asks a worker something about the hosts: only workers hold host
 * credentials, so the CLI and the API never connect to a hypervisor themselves.
 */
final class WorkerQuestion {
  private WorkerQuestion() {}

  /**
   * A stub for one question.
   *
   * @param idPrefix what the question is, for the workflow list ({@code hosts}, {@code doctor})
   * @param patience how long to wait for a worker to answer before failing
   */
  static <T> T stub(WorkflowClient client, Class<T> type, String idPrefix, Duration patience) {
    return client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder()
            .setWorkflowId(idPrefix + "-" + UUID.randomUUID())
            .setTaskQueue(TaskQueues.FERRY)
            // No worker means no answer: say so instead of waiting forever.
            .setWorkflowExecutionTimeout(patience)
            .build());
  }
}
