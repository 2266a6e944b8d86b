package dev.ferry.cli;

import dev.ferry.api.ApiServer;
import dev.ferry.worker.TemporalConnection;
import dev.ferry.worker.TemporalSettings;
import dev.ferry.worker.metrics.FerryMetrics;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry serve}: the HTTP API until stopped. Without a token it binds loopback only, since
 * anyone who reaches it can migrate VMs.
 */
@Command(name = "serve", description = "Serve the HTTP API (see /v1/openapi.json).")
final class ServeCommand implements Callable<Integer> {
  static final String DEFAULT_LISTEN = "127.0.0.1:8420";
  static final String TOKEN_ENV = "FERRY_API_TOKEN";
  static final Duration METRICS_REPORT_INTERVAL = Duration.ofSeconds(1);

  @Option(
      names = "--listen",
      paramLabel = "ADDR:PORT",
      description = "where to listen (default " + DEFAULT_LISTEN + ")")
  String listen = DEFAULT_LISTEN;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "file holding the bearer token clients must send (else env " + TOKEN_ENV + ")")
  Path tokenFile;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws IOException, InterruptedException {
    String token = token();
    InetSocketAddress address = ApiServer.bindAddress(listen, token != null);
    TemporalSettings settings = connection.settings();
    FerryMetrics metrics = FerryMetrics.create(METRICS_REPORT_INTERVAL);
    WorkflowClient client = TemporalConnection.connect(settings, metrics.scope());
    ApiServer server;
    try {
      server = ApiServer.start(client, connection.knownHosts(), address, token, metrics);
    } catch (RuntimeException | IOException e) {
      TemporalConnection.close(client);
      metrics.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  TemporalConnection.close(client);
                  metrics.close();
                  stopped.countDown();
                }));
    System.err.printf(
        "ferry serve: HTTP API on http://%s:%d (Temporal %s, namespace %s)%n",
        server.address().getAddress().getHostAddress(),
        server.address().getPort(),
        settings.address(),
        settings.namespace());
    System.err.println(
        token == null
            ? "ferry serve: no API token configured (--token-file or "
                + TOKEN_ENV
                + "): listening on loopback only"
            : "ferry serve: a bearer token is required on every request but /healthz");
    stopped.await();
    return ExitCode.OK;
  }

  /** The token from the file, else the environment, else none. Never printed. */
  private String token() throws IOException {
    if (tokenFile != null) {
      if (!Files.isRegularFile(tokenFile)) {
        throw new IllegalArgumentException("--token-file " + tokenFile + " does not exist");
      }
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("--token-file " + tokenFile + " is empty");
      }
      return token;
    }
    String env = System.getenv(TOKEN_ENV);
    return env == null || env.isBlank() ? null : env.strip();
  }
}
