package dev.ferry.client;

import dev.ferry.failure.FailureType;
import dev.ferry.inventory.HostStatus;
import dev.ferry.migration.MigrationRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an unknown VM or host apart before a migration starts, by asking a worker for the hosts and
 * their guests. When it cannot tell (no worker answers in time, a host is unreachable) it lets the
 * request through: the migration's capability check refuses it then, with nothing changed.
 */
public final class VmLocator {
  private static final Logger log = LoggerFactory.getLogger(VmLocator.class);

  private final WorkflowClient client;
  private final Duration patience;

  public VmLocator(WorkflowClient client, Duration patience) {
    this.client = client;
    this.patience = patience;
  }

  /**
   * Refuses a migration of a VM no host has, or to or from a host no worker knows.
   *
   * @throws RefusedException of kind {@code NOT_FOUND} for a host no worker knows or a VM no host
   *     has
   */
  public void requireKnown(MigrationRequest request) {
    List<HostStatus> hosts;
    try {
      hosts = HostsQuery.describe(client, patience);
    } catch (RuntimeException e) {
      log.warn("no worker listed the hosts within {}: the capability check will decide", patience);
      return;
    }
    requireHost(hosts, "host", request.destination());
    Optional<HostStatus> source =
        request.source() == null
            ? Optional.empty()
            : requireHost(hosts, "source", request.source());
    List<HostStatus> searched = source.map(List::of).orElse(hosts);
    boolean allSeen = searched.stream().allMatch(HostStatus::reachable);
    boolean found = searched.stream().anyMatch(h -> h.vms().contains(request.vm()));
    if (allSeen && !found) {
      throw new RefusedException(
          RefusedException.Kind.NOT_FOUND,
          "name",
          "VM '"
              + request.vm()
              + "' is on none of the hosts "
              + searched.stream().map(HostStatus::name).toList(),
          FailureType.VM_NOT_FOUND);
    }
  }

  /**
   * Refuses hosts no worker knows, for a process without an inventory of its own; when no worker
   * answers in time it lets them through, and the evacuation or window reports them later.
   *
   * @throws RefusedException of kind {@code NOT_FOUND} naming the field
   */
  public void requireHosts(String field, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    List<HostStatus> hosts;
    try {
      hosts = HostsQuery.describe(client, patience);
    } catch (RuntimeException e) {
      log.warn("no worker listed the hosts within {}: going on without checking them", patience);
      return;
    }
    names.forEach(name -> requireHost(hosts, field, name));
  }

  private static Optional<HostStatus> requireHost(
      List<HostStatus> hosts, String field, String name) {
    Optional<HostStatus> host = hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    if (host.isEmpty()) {
      throw new RefusedException(
          RefusedException.Kind.NOT_FOUND,
          field,
          "host '"
              + name
              + "' is not in the worker's inventory; known hosts: "
              + hosts.stream().map(HostStatus::name).toList(),
          FailureType.HOST_NOT_FOUND);
    }
    return host;
  }
}
