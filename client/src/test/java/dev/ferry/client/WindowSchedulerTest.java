package dev.ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.maintenance.WindowRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On Temporal's test server, which has no Schedules, a recurring window is refused clearly. */
class WindowSchedulerTest {
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void recurringWindowIsRefusedAndNothingIsCreated() {
    WindowRequest nightly =
        new WindowRequest(
            "nightly", List.of("sim-a"), null, null, Duration.ofHours(2), null, null, null, null);

    RefusedException refused =
        assertThrows(
            RefusedException.class,
            () ->
                WindowScheduler.recurring(
                    env.getWorkflowClient(), nightly, "0 2 * * *", Instant.now().plusSeconds(60)));

    assertEquals(RefusedException.Kind.INVALID, refused.kind());
    assertEquals("every", refused.field());
    assertTrue(refused.getMessage().contains("need Temporal Schedules"), refused.getMessage());
    assertTrue(refused.getMessage().contains("nothing was created"), refused.getMessage());
    assertTrue(
        new WorkflowInspector(env.getWorkflowClient())
            .describe(WindowRequest.workflowIdFor("nightly"))
            .isEmpty(),
        "no window workflow was started");
  }
}
