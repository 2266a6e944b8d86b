package dev.ferry.worker;

import dev.ferry.migration.MigrationInspection;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;

/**
 * The Temporal test server bound to a port: a real gRPC Temporal service in this JVM, in real time.
 * It keeps nothing across restarts and has no Schedules or visibility queries; see the README.
 * ferry's search attributes are registered at start, as an operator does once on a real cluster.
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
    DevServer dev = new DevServer(TestServer.createPortBoundServer(port, true), port);
    dev.registerSearchAttributes();
    return dev;
  }

  private void registerSearchAttributes() {
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace(TemporalSettings.DEFAULT_NAMESPACE);
    MigrationInspection.ALL.forEach(
        key ->
            request.putSearchAttributes(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address())
                .validateAndBuildWithDefaults());
    try {
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  public String address() {
    return "localhost:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
