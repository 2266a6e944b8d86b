package dev.ferry.cli;

import dev.ferry.config.Inventory;
import dev.ferry.worker.FerryWorker;
import dev.ferry.worker.TemporalConnection;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry worker}: runs migrations until stopped (SIGTERM or Ctrl-C). */
@Command(
    name = "worker",
    description = "Run a worker: executes migrations for the inventory's hosts.")
final class WorkerCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws InterruptedException {
    Inventory inventory = connection.inventory();
    TemporalSettings settings = connection.settings();
    WorkflowClient client = TemporalConnection.connect(settings);
    FerryWorker worker = FerryWorker.start(client, inventory);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  TemporalConnection.close(client);
                  stopped.countDown();
                }));
    System.err.printf(
        "ferry worker: task queue %s at %s (namespace %s), %d hosts from %s%n",
        TemporalSettings.TASK_QUEUE,
        settings.address(),
        settings.namespace(),
        inventory.hosts().size(),
        connection.configPath());
    stopped.await();
    return ExitCode.OK;
  }
}
