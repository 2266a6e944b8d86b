package dev.ferry.cli.demo;

import dev.ferry.config.Inventory;
import dev.ferry.config.InventoryLoader;
import dev.ferry.worker.DevServer;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.TemporalConnection;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry demo}: everything in one process, nothing to set up. Starts a Temporal dev server
 * and a worker, then migrates: real guests between lab hosts when run as root (or with {@code
 * --lab}), simulated ones otherwise (or with {@code --sim}).
 */
@Command(
    name = "demo",
    description = "Run a self-contained demo: real lab hosts as root, simulated hosts otherwise.")
public final class DemoCommand implements Callable<Integer> {
  static final String INVENTORY = "/demo/sim.yaml";

  @Option(names = "--lab", description = "real libvirt hosts on this machine (needs root)")
  boolean lab;

  @Option(names = "--sim", description = "simulated hosts")
  boolean sim;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (lab && sim) {
      throw new IllegalArgumentException("--lab and --sim contradict each other: pick one");
    }
    Path home = Path.of(System.getenv().getOrDefault("FERRY_HOME", ".")).toAbsolutePath();
    boolean useLab = lab || (!sim && LabDemo.possible(home));
    if (lab && !"root".equals(System.getProperty("user.name"))) {
      throw new IllegalArgumentException("--lab needs root (network namespaces, libvirt daemons)");
    }
    LabDemo labDemo = useLab ? new LabDemo(home) : null;
    Inventory inventory = useLab ? labDemo.prepare() : InventoryLoader.loadResource(INVENTORY);
    try (DevServer server = DevServer.start(freePort())) {
      WorkflowClient client =
          TemporalConnection.connect(TemporalSettings.resolve(server.address(), null, Map.of()));
      try (FerryWorker worker = FerryWorker.start(client, inventory)) {
        System.out.println(
            "ferry demo: Temporal dev server on "
                + server.address()
                + ", worker on "
                + inventory.hosts().size()
                + (useLab ? " real lab hosts" : " simulated hosts"));
        return useLab ? labDemo.run(client) : SimDemo.run(client, worker);
      } finally {
        TemporalConnection.close(client);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
