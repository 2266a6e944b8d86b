package dev.ferry.cli;

import dev.ferry.client.MigrationOrder;
import dev.ferry.client.MigrationStarter;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.Compression;
import dev.ferry.options.MigrationMode;
import dev.ferry.options.StorageCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry migrate VM --to HOST}: starts a migration and follows it to its outcome. */
@Command(
    name = "migrate",
    description = "Migrate a VM to another host and wait for the outcome.",
    sortOptions = false)
final class MigrateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "VM", description = "the VM's name")
  String vm;

  @Option(names = "--to", required = true, paramLabel = "HOST", description = "destination host")
  String to;

  @Option(names = "--from", paramLabel = "HOST", description = "source host (default: found)")
  String from;

  @Option(names = "--live", description = "live migration (default if the VM runs)")
  boolean live;

  @Option(names = "--offline", description = "move only the definition of a shut-off VM")
  boolean offline;

  @Option(
      names = "--p2p",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "peer-to-peer: the source daemon drives the migration (default on)")
  boolean peerToPeer;

  @Option(names = "--tunnelled", description = "carry the stream in the libvirt connection")
  boolean tunnelled;

  @Option(
      names = "--persist",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "define the VM persistently on the destination (default on)")
  boolean persist;

  @Option(
      names = "--undefine-source",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "remove the definition from the source afterwards (default on)")
  boolean undefineSource;

  @Option(
      names = "--storage-copy",
      paramLabel = "MODE",
      description =
          "auto (copy every disk not proven shared, default), none (all shared), all,"
              + " incremental (overlays onto their backing file there)")
  StorageCopy storageCopy;

  @Option(names = "--disk", paramLabel = "TARGET", description = "disk to copy (repeatable)")
  List<String> disks = new ArrayList<>();

  @Option(names = "--rename", paramLabel = "NAME", description = "new name on the destination")
  String rename;

  @Option(names = "--bandwidth", paramLabel = "MIBPS", description = "cap in MiB/s")
  Long bandwidth;

  @Option(names = "--max-downtime", paramLabel = "MS", description = "allowed pause at switch-over")
  Long maxDowntime;

  @Option(names = "--auto-converge", description = "throttle vCPUs if memory does not converge")
  boolean autoConverge;

  @Option(names = "--postcopy", description = "allow switching to post-copy")
  boolean postcopy;

  @Option(
      names = "--convergence",
      paramLabel = "POLICY",
      description =
          "what to do when memory does not converge: default, minimal-downtime, allow-postcopy,"
              + " suspend-if-needed")
  String convergence;

  @Option(
      names = "--compression",
      paramLabel = "METHOD",
      description = "none (default), xbzrle, zlib, zstd")
  Compression compression;

  @Option(names = "--parallel", paramLabel = "N", description = "parallel connections (2-255)")
  Integer parallel;

  @Option(names = "--tls", description = "encrypt the native migration stream")
  boolean tls;

  @Option(names = "--paused", description = "leave the VM paused on the destination")
  boolean paused;

  @Option(names = "--uri", paramLabel = "URI", description = "explicit stream URI (tcp://HOST)")
  String uri;

  @Option(names = "--detach", description = "print the workflow id and return at once")
  boolean detach;

  @Option(names = "--json", description = "print the outcome as one JSON object")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    // Building the request validates every name and value; the checks then refuse what cannot
    // work, so nothing reaches Temporal unless it may start.
    MigrationRequest request = order().toRequest(vm);
    // The offline part of the checks runs while the connection opens, so a refusal needs no
    // server; FerryClient.migrate runs the whole sequence again (it is cheap) with the worker's.
    return connection.withClient(
        () -> MigrationStarter.check(request, connection.knownHosts()),
        client -> {
          connection.ferry(client).migrate(request);
          if (detach) {
            Output.print(
                json, Output.single("workflowId", request.workflowId()), request.workflowId());
            return ExitCode.OK;
          }
          return new MigrationWatcher(client, request.workflowId(), json).follow();
        });
  }

  private MigrationOrder order() {
    if (live && offline) {
      throw new IllegalArgumentException("--live and --offline contradict each other: pick one");
    }
    return MigrationOrder.builder()
        .host(to)
        .source(from)
        .mode(live ? MigrationMode.LIVE : offline ? MigrationMode.OFFLINE : MigrationMode.AUTO)
        .peerToPeer(peerToPeer)
        .tunnelled(tunnelled)
        .persistDestination(persist)
        .undefineSource(undefineSource)
        .storageCopy(storageCopy)
        .disks(disks)
        .destinationName(rename)
        .bandwidthMiBps(bandwidth)
        .maxDowntimeMs(maxDowntime)
        .autoConverge(autoConverge)
        .allowPostcopy(postcopy)
        .convergence(convergence)
        .compression(compression)
        .parallelConnections(parallel)
        .tls(tls)
        .pausedOnDestination(paused)
        .migrationUri(uri)
        .build();
  }
}
