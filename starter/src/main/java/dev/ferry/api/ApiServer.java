package dev.ferry.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.client.FerryClient;
import dev.ferry.client.KnownHosts;
import dev.ferry.validation.InvalidInputException;
import dev.ferry.worker.metrics.FerryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ferry's HTTP API on the JDK's own server: routing, bearer-token authentication, body limits and
 * request metrics. Failures become answers in {@link ErrorAnswers}. The live dashboard's files are
 * served beside it under {@code /ui/} ({@link Dashboard}).
 */
public final class ApiServer implements AutoCloseable {
  /** Bodies larger than this are refused unread: a migration request is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final int THREADS = 8;

  /**
   * The route a request matched, for its metrics. Not an exchange attribute: the JDK's server keeps
   * those per context, shared by every request, so a request that ends after the next one began
   * would be counted under the next one's route.
   */
  private static final class MatchedRoute {
    String template = "unmatched";
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes;
  private final Optional<BearerAuth> auth;
  private final MeterRegistry registry;

  private ApiServer(
      HttpServer server,
      ExecutorService executor,
      List<Route> routes,
      Optional<BearerAuth> auth,
      MeterRegistry registry) {
    this.server = server;
    this.executor = executor;
    this.routes = routes;
    this.auth = auth;
    this.registry = registry;
  }

  /** How long a request waits for a worker to list hosts before going on without the list. */
  static final Duration HOSTS_PATIENCE = FerryClient.HOSTS_PATIENCE;

  /**
   * Parses {@code --listen ADDR:PORT} (port 0 picks a free one) and refuses an address beyond
   * loopback when no token is configured, since anyone who reaches the API can migrate VMs.
   *
   * @throws InvalidInputException naming the refused address
   */
  public static InetSocketAddress bindAddress(String listen, boolean withToken) {
    InetSocketAddress address = ListenAddress.parse(listen);
    requireLoopbackWithoutToken(address, withToken);
    return address;
  }

  private static void requireLoopbackWithoutToken(InetSocketAddress address, boolean withToken) {
    if (!withToken && !address.getAddress().isLoopbackAddress()) {
      throw new InvalidInputException(
          "listen",
          "refusing to listen on "
              + address.getAddress().getHostAddress()
              + " without an API token: anyone who can reach it could migrate VMs; set"
              + " --token-file or FERRY_API_TOKEN, or listen on 127.0.0.1");
    }
  }

  /**
   * Serves ferry's API for the client's Temporal namespace.
   *
   * @param inventory this process's inventory, if it has one: hosts are checked against it
   * @param listen from {@link #bindAddress}
   * @param token the bearer token clients must present, or null for none (loopback only)
   * @param metrics where requests are counted and what {@code /metrics} serves
   */
  public static ApiServer start(
      WorkflowClient client,
      Optional<KnownHosts> inventory,
      InetSocketAddress listen,
      String token,
      FerryMetrics metrics)
      throws IOException {
    return start(
        new FerryApi(client, inventory, HOSTS_PATIENCE, metrics),
        listen,
        token,
        metrics.registry());
  }

  /** Binds and starts serving. */
  static ApiServer start(
      FerryApi api, InetSocketAddress listen, String token, MeterRegistry registry)
      throws IOException {
    requireLoopbackWithoutToken(listen, token != null);
    HttpServer server = HttpServer.create(listen, 0);
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    ApiServer started =
        new ApiServer(
            server,
            executor,
            api.routes(),
            token == null ? Optional.empty() : Optional.of(new BearerAuth(token)),
            registry);
    server.createContext("/", started::handle);
    server.createContext(Dashboard.PREFIX, Dashboard::handle);
    server.setExecutor(executor);
    server.start();
    return started;
  }

  /** Where it listens; the port is the one bound, also when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    ApiResponse response;
    MatchedRoute route = new MatchedRoute();
    try {
      response = dispatch(exchange, route);
    } catch (Exception e) {
      response = ErrorAnswers.of(e);
    }
    send(exchange, response);
    long nanos = System.nanoTime() - started;
    Timer.builder("ferry_api_requests")
        .description("HTTP API requests by route and status")
        .tag("method", exchange.getRequestMethod())
        .tag("route", route.template)
        .tag("status", String.valueOf(response.status()))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    log.info(
        "{} {} {} {} ms",
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        response.status(),
        TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  private ApiResponse dispatch(HttpExchange exchange, MatchedRoute matched) throws Exception {
    List<String> segments = new ArrayList<>();
    // Split before decoding, so an encoded '/' stays inside its segment.
    for (String raw : Route.segments(exchange.getRequestURI().getRawPath())) {
      segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    String method = exchange.getRequestMethod();
    if (segments.isEmpty() || segments.equals(List.of("ui"))) {
      // The dashboard's address for people: the bare server and /ui lead to it.
      return new ApiResponse(302, new byte[0], Map.of("Location", Dashboard.PREFIX));
    }
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.match(segments);
      if (params.isEmpty()) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(method)) {
        continue;
      }
      // Metrics name the template, not the path: one series per route, not per VM.
      matched.template = route.template();
      if (!route.open() && auth.isPresent()) {
        requireToken(exchange);
      }
      ApiRequest request =
          new ApiRequest(params.get(), query(exchange), readBody(exchange.getRequestBody()));
      return route.handler().handle(request);
    }
    if (pathKnown) {
      throw new ApiError(405, null, method + " is not allowed here");
    }
    throw new ApiError(404, null, "no such resource; see /v1/openapi.json");
  }

  private void requireToken(HttpExchange exchange) {
    if (!auth.orElseThrow().allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"ferry\"");
      throw new ApiError(401, null, "a valid bearer token is required");
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static String readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiError(413, null, "the body is over " + MAX_BODY_BYTES + " bytes");
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
    byte[] bytes = response.body() instanceof byte[] raw ? raw : Json.write(response.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
