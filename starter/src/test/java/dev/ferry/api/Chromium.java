package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol from the JDK alone ({@link
 * HttpClient}'s WebSocket): no driver binary, no Node, nothing to pin but the browser package. One
 * page, fresh profile per launch.
 */
final class Chromium implements AutoCloseable {
  static final String BINARY_ENV = "FERRY_CHROMIUM";
  private static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Process process;
  private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocket socket;

  private Chromium(Process process) {
    this.process = process;
  }

  /** The browser binary, or an AssertionError that says how to install it: never a quiet skip. */
  static Path binary() {
    String asked = System.getenv(BINARY_ENV);
    Path binary = asked == null || asked.isBlank() ? DEFAULT_BINARY : Path.of(asked);
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(
          "the dashboard test needs headless Chromium at "
              + binary
              + ": apt-get install --no-install-recommends chromium (bin/test installs it when"
              + " run as root), or set "
              + BINARY_ENV
              + " to a Chromium binary");
    }
    return binary;
  }

  /**
   * Starts Chromium with a fresh profile in {@code profile} and attaches to its first page.
   *
   * @param log where the browser's own output goes
   */
  static Chromium launch(Path profile, Path log) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(
                List.of(
                    binary().toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=1100,1000",
                    "--remote-debugging-port=0",
                    "--user-data-dir=" + profile,
                    "about:blank"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      int port = devToolsPort(profile, process, log);
      HttpClient http = HttpClient.newHttpClient();
      String page = pageSocket(http, port);
      Chromium browser = new Chromium(process);
      browser.socket =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(page), browser.new Listener())
              .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      return browser;
    } catch (IOException
        | RuntimeException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not start; its output is in " + log, e);
    }
  }

  /** Chromium writes the port it picked into the profile once DevTools listens. */
  private static int devToolsPort(Path profile, Process process, Path log)
      throws IOException, InterruptedException {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).strip());
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "Chromium exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Chromium opened no DevTools port within " + PATIENCE);
  }

  private static String pageSocket(HttpClient http, int port)
      throws IOException, InterruptedException {
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
            HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : ApiStack.JSON.readTree(list.body())) {
      if ("page".equals(target.path("type").asText())) {
        return target.get("webSocketDebuggerUrl").asText();
      }
    }
    throw new AssertionError("Chromium has no page: " + list.body());
  }

  /** Sends one DevTools command and waits for its result. */
  JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = ApiStack.JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", params == null ? ApiStack.JSON.createObjectNode() : params);
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    // One frame at a time, as the WebSocket API requires: commands here are sequential anyway.
    socket.sendText(ApiStack.JSON.writeValueAsString(message), true).join();
    JsonNode reply = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  void navigate(String url) throws Exception {
    ObjectNode params = ApiStack.JSON.createObjectNode();
    params.put("url", url);
    send("Page.navigate", params);
  }

  /** Evaluates a JavaScript expression in the page and answers its value (promises awaited). */
  JsonNode evaluate(String expression) throws Exception {
    ObjectNode params = ApiStack.JSON.createObjectNode();
    params.put("expression", expression);
    params.put("returnByValue", true);
    params.put("awaitPromise", true);
    JsonNode result = send("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new AssertionError(
          "page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Polls a boolean expression until it holds; fails naming it otherwise. */
  void await(String expression, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    String lastError = "";
    while (System.nanoTime() < deadline) {
      try {
        if (evaluate("Boolean(" + expression + ")").asBoolean()) {
          return;
        }
      } catch (AssertionError e) {
        // The page is still loading (or between renders): an element is not there yet.
        lastError = e.getMessage();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "still false after "
            + patience
            + ": "
            + expression
            + "\nlast error: "
            + lastError
            + "\npage text: "
            + evaluate("document.body.innerText").asText());
  }

  /** Saves what the page shows as a PNG file. */
  void screenshot(Path file) throws Exception {
    ObjectNode params = ApiStack.JSON.createObjectNode();
    params.put("format", "png");
    params.put("captureBeyondViewport", true);
    byte[] png =
        Base64.getDecoder().decode(send("Page.captureScreenshot", params).get("data").asText());
    Files.createDirectories(file.getParent());
    Files.write(file, png);
  }

  /** The browser's version line, for failure reports. */
  String version() throws Exception {
    return send("Browser.getVersion", null).path("product").asText();
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Collects a message's frames and hands each answer to the command waiting for it. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = ApiStack.JSON.readTree(text.toString());
          CompletableFuture<JsonNode> answer =
              message.has("id") ? waiting.remove(message.get("id").asInt()) : null;
          if (answer != null) {
            answer.complete(message);
          }
        } catch (IOException e) {
          waiting.values().forEach(w -> w.completeExceptionally(e));
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
