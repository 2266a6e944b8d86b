package dev.ferry.cli;

import dev.ferry.client.FerryClient;
import dev.ferry.client.KnownHosts;
import dev.ferry.config.Inventory;
import dev.ferry.config.InventoryLoader;
import dev.ferry.worker.TemporalConnection;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where Temporal and the inventory are; shared by every command that needs them. */
final class ConnectionOptions {
  static final String DEFAULT_CONFIG = "ferry.yaml";

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "Temporal frontend (env TEMPORAL_ADDRESS, default localhost:7233)")
  String address;

  @Option(
      names = "--namespace",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE, default 'default')")
  String namespace;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "inventory file (env FERRY_CONFIG, default ./ferry.yaml)")
  String config;

  TemporalSettings settings() {
    return TemporalSettings.resolve(address, namespace, System.getenv());
  }

  WorkflowClient connect() {
    return TemporalConnection.connect(settings());
  }

  /** Connects, runs the command's body, and closes the connection whatever happens. */
  int withClient(Function<WorkflowClient, Integer> body) {
    return withClient(() -> {}, body);
  }

  /**
   * Like {@link #withClient(Function)}, but runs {@code meanwhile} (local validation) while the
   * connection opens: both are mostly class loading, and a command's start-up is most of what an
   * operator waits for on a short migration. If {@code meanwhile} refuses, nothing is started.
   */
  int withClient(Runnable meanwhile, Function<WorkflowClient, Integer> body) {
    CompletableFuture<WorkflowClient> connecting = CompletableFuture.supplyAsync(this::connect);
    try {
      meanwhile.run();
    } catch (RuntimeException refused) {
      // The refusal is reported at once; a connection that still opens is closed behind it.
      var unused = connecting.thenAccept(TemporalConnection::close);
      throw refused;
    }
    WorkflowClient client = joinConnection(connecting);
    try {
      return body.apply(client);
    } finally {
      TemporalConnection.close(client);
    }
  }

  private static WorkflowClient joinConnection(CompletableFuture<WorkflowClient> connecting) {
    try {
      return connecting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** The inventory file named by flag or environment, else ./ferry.yaml. */
  Path configPath() {
    if (config != null) {
      return Path.of(config);
    }
    String env = System.getenv("FERRY_CONFIG");
    return Path.of(env != null && !env.isBlank() ? env : DEFAULT_CONFIG);
  }

  /** Loads the inventory; a missing file is an error. */
  Inventory inventory() {
    return InventoryLoader.load(configPath());
  }

  /**
   * The inventory if one is configured: a named file must exist, while a missing default is fine
   * (the worker checks host names anyway).
   */
  Optional<Inventory> optionalInventory() {
    boolean named = config != null || System.getenv("FERRY_CONFIG") != null;
    if (!named && !Files.exists(configPath())) {
      return Optional.empty();
    }
    return Optional.of(inventory());
  }

  /** The host names of the inventory, if one is configured ({@link #optionalInventory()}). */
  Optional<KnownHosts> knownHosts() {
    return optionalInventory().map(inventory -> new KnownHosts(inventory.hostNames()));
  }

  /** The client a command calls: the Temporal client and this process's inventory, if any. */
  FerryClient ferry(WorkflowClient client) {
    return new FerryClient(client, knownHosts(), FerryClient.HOSTS_PATIENCE);
  }
}
