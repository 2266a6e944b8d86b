package dev.ferry.inventory;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Asks a worker what every host holds under some guest names: the hosts' side of {@code ferry
 * doctor}. A workflow because only workers hold host credentials.
 */
@WorkflowInterface
public interface GuestWorkflow {
  @WorkflowMethod(name = "FindGuest")
  List<GuestSighting> find(List<String> names);
}
