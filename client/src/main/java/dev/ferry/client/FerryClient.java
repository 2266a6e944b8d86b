package dev.ferry.client;

import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.migration.MigrationRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a face (the CLI, the HTTP API, another tool embedding ferry) starts: the checks every start
 * passes, in one order, whoever asked. A request is refused here, with nothing started and nothing
 * changed on any host, when its options contradict each other, it names a host neither this
 * process's inventory nor a worker's has, or it names a VM no host has.
 */
public final class FerryClient {
  /** How long a start waits for a worker to list the hosts before it lets the start decide. */
  public static final Duration HOSTS_PATIENCE = Duration.ofSeconds(15);

  private final WorkflowClient client;
  private final Optional<KnownHosts> inventory;
  private final VmLocator locator;

  /**
   * @param inventory the hosts of this process's inventory, if it has one; without it a worker is
   *     asked
   * @param hostsPatience how long to wait for a worker to list the hosts
   */
  public FerryClient(
      WorkflowClient client, Optional<KnownHosts> inventory, Duration hostsPatience) {
    this.client = client;
    this.inventory = inventory;
    this.locator = new VmLocator(client, hostsPatience);
  }

  public WorkflowClient temporal() {
    return client;
  }

  /**
   * Checks and starts a migration.
   *
   * @return its workflow id
   * @throws RefusedException naming the field, when it may not start
   */
  public String migrate(MigrationRequest request) {
    MigrationStarter.check(request, inventory);
    locator.requireKnown(request);
    return MigrationStarter.start(client, request);
  }

  /**
   * Checks and starts an evacuation.
   *
   * @return its workflow id
   * @throws RefusedException naming the field, when it may not start
   */
  public String evacuate(EvacuationRequest request) {
    EvacuationStarter.check(request, inventory);
    requireHosts("hosts", request.hosts());
    requireHosts("to", request.destinations());
    return EvacuationStarter.start(client, request);
  }

  /**
   * Checks and creates a maintenance window.
   *
   * @return its id
   * @throws RefusedException naming the field, when it may not be created
   */
  public String createWindow(WindowPlan plan) {
    plan.check(inventory);
    requireHosts("hosts", plan.request().hosts());
    requireHosts("to", plan.request().destinations());
    return plan.create(client);
  }

  /**
   * Refuses hosts the inventory lacks or, without an inventory, hosts no worker knows (when a
   * worker answers in time).
   *
   * @param field the request field holding them, named in the refusal
   * @throws RefusedException of kind {@code NOT_FOUND}
   */
  public void requireHosts(String field, List<String> names) {
    if (inventory.isPresent()) {
      names.forEach(name -> inventory.get().require(field, name));
    } else {
      locator.requireHosts(field, names);
    }
  }
}
