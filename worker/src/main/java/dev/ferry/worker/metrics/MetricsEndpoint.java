package dev.ferry.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves {@code GET /metrics} for a worker, which has no other HTTP surface. */
public final class MetricsEndpoint implements AutoCloseable {
  /** Prometheus' text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  public static MetricsEndpoint start(InetSocketAddress listen, FerryMetrics metrics)
      throws IOException {
    HttpServer server = HttpServer.create(listen, 0);
    server.createContext("/metrics", exchange -> answer(exchange, metrics));
    server.start();
    return new MetricsEndpoint(server);
  }

  private static void answer(HttpExchange exchange, FerryMetrics metrics) throws IOException {
    boolean get = "GET".equals(exchange.getRequestMethod());
    boolean exact = "/metrics".equals(exchange.getRequestURI().getPath());
    byte[] body =
        (get && exact ? metrics.scrape() : "GET /metrics only\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(get && exact ? 200 : exact ? 405 : 404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
