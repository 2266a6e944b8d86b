package dev.ferry.worker;

import io.temporal.testserver.TestServer;

/**
 * The Temporal test server bound to a port: a real gRPC Temporal service in this JVM, in real time.
 * It keeps nothing across restarts and has no Schedules or visibility queries; see the README.
 */
public final class DevServer implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private DevServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts the server; time skipping stays locked so timers run in real time. */
  public static DevServer start(int port) {
    return new DevServer(TestServer.createPortBoundServer(port, true), port);
  }

  public String address() {
    return "localhost:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
