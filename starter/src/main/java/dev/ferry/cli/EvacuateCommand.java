package dev.ferry.cli;

import dev.ferry.client.EvacuationOrder;
import dev.ferry.client.EvacuationStarter;
import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.PlacementStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry evacuate HOST...}: drains hosts, one migration per guest, under limits. */
@Command(
    name = "evacuate",
    description = "Move every guest off the hosts, placed and paced under limits.",
    sortOptions = false)
final class EvacuateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "HOST", arity = "1..*", description = "hosts to drain")
  List<String> hosts;

  @Option(
      names = "--to",
      paramLabel = "HOST",
      arity = "1..*",
      description = "only these destinations")
  List<String> to = new ArrayList<>();

  @Option(names = "--max-parallel", paramLabel = "N", description = "migrations at once, in all")
  Integer maxParallel;

  @Option(
      names = "--max-per-source",
      paramLabel = "N",
      description = "leaving one host (default 2)")
  Integer maxPerSource;

  @Option(
      names = "--max-per-destination",
      paramLabel = "N",
      description = "arriving at one host (default 2)")
  Integer maxPerDestination;

  @Option(names = "--bandwidth", paramLabel = "MIBPS", description = "total bandwidth, shared")
  Long bandwidth;

  @Option(
      names = "--deadline",
      paramLabel = "TIME",
      description = "start nothing that would not finish by then (ISO-8601 or +2h)")
  String deadline;

  @Option(
      names = "--at-deadline",
      paramLabel = "POLICY",
      description = "finish (default) or abort migrations in flight at the deadline")
  EndPolicy atDeadline;

  @Option(
      names = "--on-cancel",
      paramLabel = "POLICY",
      description = "abort (default: roll back) or finish migrations in flight on cancel")
  EndPolicy onCancel;

  @Option(names = "--pack", description = "fill the fullest hosts first (default: spread)")
  boolean pack;

  @Option(names = "--max-attempts", paramLabel = "N", description = "per guest (default 3)")
  Integer maxAttempts;

  @Option(names = "--stop-on-failure", description = "stop once a guest cannot move")
  boolean stopOnFailure;

  @Option(
      names = "--anti-affinity",
      paramLabel = "VM,VM...",
      description = "guests that must not share a host (repeatable)")
  List<String> antiAffinity = new ArrayList<>();

  @Option(names = "--id", paramLabel = "ID", description = "the evacuation's id (default: made)")
  String id;

  @Option(names = "--wait", description = "follow it to its end and exit with its code")
  boolean await;

  @Option(names = "--json", description = "print the id, or the report, as JSON")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    EvacuationRequest request = request(Instant.now());
    return connection.withClient(
        () -> EvacuationStarter.check(request, connection.knownHosts()),
        client -> {
          String workflowId = connection.ferry(client).evacuate(request);
          if (!await) {
            Output.print(json, Output.single("workflowId", workflowId), workflowId);
            return ExitCode.OK;
          }
          System.err.println("evacuating " + String.join(", ", hosts) + " as " + workflowId);
          return new EvacuationWatcher(client, workflowId, json).follow();
        });
  }

  EvacuationRequest request(Instant now) {
    return EvacuationOrder.builder()
        .id(id)
        .hosts(hosts)
        .to(to)
        .maxParallel(maxParallel)
        .maxPerSource(maxPerSource)
        .maxPerDestination(maxPerDestination)
        .bandwidthMiBps(bandwidth)
        .deadline(deadline)
        .atDeadline(atDeadline)
        .onCancel(onCancel)
        .strategy(pack ? PlacementStrategy.PACK : PlacementStrategy.SPREAD)
        .maxAttempts(maxAttempts)
        .stopOnFailure(stopOnFailure)
        .antiAffinity(antiAffinity.stream().map(g -> Arrays.asList(g.split(","))).toList())
        .build()
        .toRequest(now);
  }
}
