package dev.ferry.inventory;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Asks a worker for the hosts' status. A workflow rather than a direct connection from the CLI
 * because only workers hold host credentials.
 */
@WorkflowInterface
public interface HostsWorkflow {
  @WorkflowMethod(name = "DescribeHosts")
  List<HostStatus> describe();
}
