package dev.ferry.cli;

import dev.ferry.api.ListenAddress;
import dev.ferry.config.Inventory;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.TemporalConnection;
import dev.ferry.worker.TemporalSettings;
import dev.ferry.worker.metrics.FerryMetrics;
import dev.ferry.worker.metrics.MetricsEndpoint;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry worker}: runs migrations until stopped (SIGTERM or Ctrl-C). */
@Command(
    name = "worker",
    description = "Run a worker: executes migrations for the inventory's hosts.")
final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--metrics-listen",
      paramLabel = "ADDR:PORT",
      description = "serve Prometheus metrics at http://ADDR:PORT/metrics (default: none)")
  String metricsListen;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws InterruptedException, IOException {
    Inventory inventory = connection.inventory();
    TemporalSettings settings = connection.settings();
    InetSocketAddress metricsAddress =
        metricsListen == null ? null : ListenAddress.parse(metricsListen);
    FerryMetrics metrics = FerryMetrics.create(ServeCommand.METRICS_REPORT_INTERVAL);
    WorkflowClient client = TemporalConnection.connect(settings, metrics.scope());
    FerryWorker worker = FerryWorker.start(client, inventory);
    MetricsEndpoint endpoint =
        metricsAddress == null ? null : MetricsEndpoint.start(metricsAddress, metrics);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  if (endpoint != null) {
                    endpoint.close();
                  }
                  TemporalConnection.close(client);
                  metrics.close();
                  stopped.countDown();
                }));
    System.err.printf(
        "ferry worker: task queue %s at %s (namespace %s), %d hosts from %s%n",
        TemporalSettings.TASK_QUEUE,
        settings.address(),
        settings.namespace(),
        inventory.hosts().size(),
        connection.configPath());
    if (endpoint != null) {
      System.err.printf(
          "ferry worker: metrics on http://%s:%d/metrics%n",
          endpoint.address().getAddress().getHostAddress(), endpoint.address().getPort());
    }
    stopped.await();
    return ExitCode.OK;
  }
}
