package dev.ferry.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The live dashboard's files, served under {@code /ui/} from the jar: plain HTML, CSS and
 * JavaScript modules that read the API like any client. They hold no data, so they are served
 * without a token; every API call the page makes carries the token the operator typed (see {@code
 * api.js}). Only the files listed here exist: a path names one of them or is a 404, so no request
 * can reach another resource.
 */
final class Dashboard {
  static final String PREFIX = "/ui/";
  private static final String RESOURCES = "/dev/ferry/api/dashboard/";
  private static final String SCRIPT = "text/javascript; charset=utf-8";

  /** File name to content type; the page's views are modules, so a new view adds a line here. */
  static final Map<String, String> FILES =
      Map.ofEntries(
          Map.entry("index.html", "text/html; charset=utf-8"),
          Map.entry("dashboard.css", "text/css; charset=utf-8"),
          Map.entry("app.js", SCRIPT),
          Map.entry("api.js", SCRIPT),
          Map.entry("list.js", SCRIPT),
          Map.entry("migration.js", SCRIPT),
          Map.entry("chart.js", SCRIPT),
          Map.entry("timeline.js", SCRIPT),
          Map.entry("evacuation.js", SCRIPT),
          Map.entry("hostbars.js", SCRIPT),
          Map.entry("dom.js", SCRIPT));

  /**
   * Scripts and styles from this origin only, no inline script, no frames, no forms posting
   * elsewhere: the page shows names that came from requests, and this keeps any that slipped past
   * validation inert.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private Dashboard() {}

  static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String name = path.substring(PREFIX.length());
    if (name.isEmpty()) {
      name = "index.html";
    }
    String type = FILES.get(name);
    int status;
    byte[] body;
    if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
      status = 405;
      type = "text/plain; charset=utf-8";
      body = "only GET\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else if (type == null) {
      status = 404;
      type = "text/plain; charset=utf-8";
      body = "no such file\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else {
      status = 200;
      body = read(name);
    }
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }

  private static byte[] read(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard file " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
