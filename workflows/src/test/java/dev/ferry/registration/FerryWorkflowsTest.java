package dev.ferry.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.EvacuationWorkflow;
import dev.ferry.evacuation.EvacuationWorkflowImpl;
import dev.ferry.evacuation.FleetActivities;
import dev.ferry.evacuation.FleetSnapshot;
import dev.ferry.evacuation.GuestView;
import dev.ferry.evacuation.HostView;
import dev.ferry.maintenance.MaintenanceWindowWorkflow;
import dev.ferry.maintenance.WindowRequest;
import dev.ferry.validation.InvalidInputException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A value ferry's validator refuses inside an evacuation or a window fails that workflow, with the
 * validator's message, instead of failing its workflow task again and again for ever.
 */
class FerryWorkflowsTest {
  private static final String TASK_QUEUE = "ferry-registration-test";
  private static final long GIB = 1L << 30;

  private TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  /**
   * A snapshot as a worker read it before it checked guests' names: "Win 10" is not marked as
   * unable to move, so the workflow itself builds its migration request and the validator refuses
   * it. An evacuation recorded that way replays into the same refusal on any worker.
   */
  static final class UncheckedFleet implements FleetActivities {
    @Override
    public FleetSnapshot snapshot(List<String> draining) {
      return new FleetSnapshot(
          List.of(
              new HostView("lab-1", true, false, "x86_64", "qemu", 8 * GIB, null, List.of()),
              new HostView("lab-2", true, false, "x86_64", "qemu", 8 * GIB, null, List.of())),
          List.of(new GuestView("Win 10", "lab-1", false, GIB, 0, List.of("lab-2"), null, null)));
    }
  }

  private WorkflowClient start(Consumer<Worker> register) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TASK_QUEUE);
    register.accept(worker);
    worker.registerActivitiesImplementations(new UncheckedFleet());
    env.start();
    return env.getWorkflowClient();
  }

  private static EvacuationRequest drain(String batchId) {
    return EvacuationRequest.builder(batchId, List.of("lab-1")).build();
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TASK_QUEUE)
        .setWorkflowExecutionTimeout(Duration.ofDays(7))
        .build();
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return env.getWorkflowClient().newUntypedWorkflowStub(workflowId).describe().getStatus();
  }

  private static ApplicationFailure refusal(WorkflowFailedException failed) {
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause());
    assertEquals(InvalidInputException.class.getName(), cause.getType(), cause.toString());
    return cause;
  }

  @Test
  void evacuationThatBuildsARefusedRequestFails() {
    WorkflowClient client = start(FerryWorkflows::register);
    EvacuationRequest request = drain("win10");
    EvacuationWorkflow evacuation =
        client.newWorkflowStub(EvacuationWorkflow.class, options(request.workflowId()));

    WorkflowFailedException failed =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> assertThrows(WorkflowFailedException.class, () -> evacuation.evacuate(request)));

    ApplicationFailure cause = refusal(failed);
    assertTrue(cause.getOriginalMessage().contains("VM name 'Win 10'"), cause.getOriginalMessage());
    assertTrue(cause.getOriginalMessage().contains("white space"), cause.getOriginalMessage());
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, status(request.workflowId()));
  }

  /** What the worker did before: the same evacuation fails its workflow task and stays open. */
  @Test
  void withoutTheOptionsTheSameEvacuationRetriesItsTask() throws InterruptedException {
    WorkflowClient client =
        start(worker -> worker.registerWorkflowImplementationTypes(EvacuationWorkflowImpl.class));
    EvacuationRequest request = drain("win10-default");
    EvacuationWorkflow evacuation =
        client.newWorkflowStub(EvacuationWorkflow.class, options(request.workflowId()));
    WorkflowClient.start(evacuation::evacuate, request);

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!taskFailed(client, request.workflowId())) {
      assertTrue(System.nanoTime() < deadline, "no workflow task failed");
      Thread.sleep(50);
    }
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, status(request.workflowId()));
  }

  private static boolean taskFailed(WorkflowClient client, String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  }

  /**
   * A window's evacuation id is {@code window-NAME-SECONDS}; with a name of 60 characters it is
   * longer than the validator allows, and the window builds it only when it opens.
   */
  @Test
  void windowThatBuildsARefusedEvacuationFails() {
    WorkflowClient client = start(FerryWorkflows::register);
    String name = "w".repeat(60);
    Instant end = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(2));
    WindowRequest request =
        new WindowRequest(name, List.of("lab-1"), null, end, null, null, null, null, null);
    MaintenanceWindowWorkflow window =
        client.newWorkflowStub(
            MaintenanceWindowWorkflow.class, options(WindowRequest.workflowIdFor(name)));

    WorkflowFailedException failed =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> assertThrows(WorkflowFailedException.class, () -> window.run(request)));

    ApplicationFailure cause = refusal(failed);
    assertTrue(cause.getOriginalMessage().contains("evacuation id"), cause.getOriginalMessage());
    assertTrue(cause.getOriginalMessage().contains("too long"), cause.getOriginalMessage());
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
        status(WindowRequest.workflowIdFor(name)));
  }

  @Test
  void onlyARefusedValueFailsTheWorkflow() {
    assertArrayEquals(
        new Class<?>[] {InvalidInputException.class},
        FerryWorkflows.draining().getFailWorkflowExceptionTypes(),
        "any other exception (a non-deterministic replay after a bad deploy, ...) is retried");
  }
}
