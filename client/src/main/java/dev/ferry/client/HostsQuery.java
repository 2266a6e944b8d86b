package dev.ferry.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.inventory.HostStatus;
import dev.ferry.inventory.HostsWorkflow;
import dev.ferry.maintenance.HostMaintenanceWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks a worker for every host's status. Through a workflow rather than a direct connection,
 * because only workers hold host credentials.
 */
public final class HostsQuery {
  /** Turns a host's status record into a row of its fields. */
  private static final ObjectMapper ROWS = new ObjectMapper();

  private HostsQuery() {}

  /**
   * The hosts as a worker sees them now.
   *
   * @param patience how long to wait for a worker to answer before failing
   */
  public static List<HostStatus> describe(WorkflowClient client, Duration patience) {
    return WorkerQuestion.stub(client, HostsWorkflow.class, "hosts", patience).describe();
  }

  /**
   * The hosts among these that are in maintenance: the service knows that (a host's maintenance is
   * a workflow of its own), a worker does not.
   */
  public static Set<String> inMaintenance(WorkflowClient client, List<HostStatus> hosts) {
    Set<String> names = new TreeSet<>();
    for (HostStatus host : hosts) {
      if (HostMaintenance.isOpen(client, HostMaintenanceWorkflow.workflowIdFor(host.name()))) {
        names.add(host.name());
      }
    }
    return names;
  }

  /**
   * The rows of {@code ferry hosts --json} and {@code GET /v1/hosts}: every field of each host's
   * status, and {@code inMaintenance}.
   */
  public static List<Map<String, Object>> rows(List<HostStatus> hosts, Set<String> inMaintenance) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (HostStatus host : hosts) {
      Map<String, Object> row = ROWS.convertValue(host, new TypeReference<>() {});
      row.put("inMaintenance", inMaintenance.contains(host.name()));
      rows.add(row);
    }
    return rows;
  }

  /** {@link #describe} as {@link #rows}. */
  public static List<Map<String, Object>> rows(WorkflowClient client, Duration patience) {
    List<HostStatus> hosts = describe(client, patience);
    return rows(hosts, inMaintenance(client, hosts));
  }
}
