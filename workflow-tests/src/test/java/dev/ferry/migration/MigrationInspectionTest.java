package dev.ferry.migration;

import static dev.ferry.migration.SimFleet.BUSY;
import static dev.ferry.migration.SimFleet.WEB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a migration through the client API alone, as the Temporal UI shows it:
 * search attributes, memo, summaries and history events.
 */
class MigrationInspectionTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet();
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  private WorkflowExecutionDescription describe(String vm) {
    return fleet.client.newUntypedWorkflowStub(MigrationRequest.workflowIdFor(vm)).describe();
  }

  private List<HistoryEvent> history(String vm) {
    return fleet.client.fetchHistory(MigrationRequest.workflowIdFor(vm)).getEvents();
  }

  private static String text(Payload payload) {
    return CONVERTER.fromPayload(payload, String.class, String.class);
  }

  @Test
  void finishedMigrationTellsWhereItWentHowAndThroughWhichPhases() {
    // No source in the request: the check finds it, and the attributes learn it then.
    fleet.migrate(SimFleet.request(WEB, null, "sim-b"));

    WorkflowExecutionDescription description = describe(WEB);
    SearchAttributes attributes = description.getTypedSearchAttributes();
    assertEquals(WEB, attributes.get(MigrationInspection.VM));
    assertEquals("sim-a", attributes.get(MigrationInspection.SOURCE));
    assertEquals("sim-b", attributes.get(MigrationInspection.DESTINATION));
    assertEquals("DONE", attributes.get(MigrationInspection.PHASE));
    assertEquals("MIGRATED", attributes.get(MigrationInspection.OUTCOME));
    assertFalse(attributes.containsKey(MigrationInspection.BATCH_ID));
    assertTrue(description.getStaticSummary().startsWith("migrate web to sim-b"));

    @SuppressWarnings("unchecked")
    Map<String, Object> plan = (Map<String, Object>) description.getMemo("plan", Map.class);
    assertEquals("sim-a", plan.get("source"));
    assertEquals(Boolean.TRUE, plan.get("live"));
    assertTrue(((List<?>) plan.get("flags")).contains("LIVE"), plan.toString());
    assertEquals("default", plan.get("convergence"));

    List<HistoryEvent> events = history(WEB);
    List<String> phases =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
            .map(
                e ->
                    e.getUpsertWorkflowSearchAttributesEventAttributes()
                        .getSearchAttributes()
                        .getIndexedFieldsMap()
                        .get(MigrationInspection.PHASE.getName()))
            .filter(p -> p != null)
            .map(MigrationInspectionTest::text)
            .toList();
    assertEquals(List.of("PREPARE", "PERFORM", "FINISH", "CONFIRM", "DONE"), phases);

    List<String> activities =
        events.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .map(
                e ->
                    e.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                        + ": "
                        + text(e.getUserMetadata().getSummary()))
            .toList();
    assertEquals(
        List.of(
            "MigrationCheck: check both hosts for moving web to sim-b",
            "MigrationPrepare: prepare sim-b",
            "MigrationPerform: transfer web to sim-b",
            "MigrationFinish: complete the move of web to sim-b",
            "MigrationConfirm: complete the move of web to sim-b"),
        activities);
  }

  @Test
  void runningMigrationShowsItsCurrentPhaseAndOutcomeOnceEnded() {
    SimFleet.Running running = fleet.start(MigrationRefusalTest.slowRequest(BUSY, "sim-b"));
    running.awaitProgress(p -> p.phase() == Phase.PERFORM);
    SimFleet.await(
        "the phase attribute reads PERFORM",
        () ->
            "PERFORM"
                .equals(describe(BUSY).getTypedSearchAttributes().get(MigrationInspection.PHASE)));
    assertFalse(describe(BUSY).getTypedSearchAttributes().containsKey(MigrationInspection.OUTCOME));

    running.workflow().cancel("inspection test");
    running.outcome();

    SearchAttributes ended = describe(BUSY).getTypedSearchAttributes();
    assertEquals("ROLLED_BACK", ended.get(MigrationInspection.OUTCOME));
    assertEquals("DONE", ended.get(MigrationInspection.PHASE));
  }
}
