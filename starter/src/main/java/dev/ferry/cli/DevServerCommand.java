package dev.ferry.cli;

import dev.ferry.worker.DevServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry dev-server}: a local Temporal service for development and tests. It keeps nothing
 * across restarts and has no Schedules or visibility queries: use a real cluster in production.
 */
@Command(name = "dev-server", description = "Run a local Temporal dev server (in memory).")
final class DevServerCommand implements Callable<Integer> {
  @Option(names = "--port", description = "port to listen on (default 7233)")
  int port = 7233;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port + " (allowed 1..65535)");
    }
    DevServer server = DevServer.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.err.println(
        "ferry dev-server: Temporal listening on "
            + server.address()
            + " (in memory; nothing survives a restart)");
    stopped.await();
    return ExitCode.OK;
  }
}
