package dev.ferry.worker;

import dev.ferry.migration.MigrationInspection;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal test server bound to a port: a real gRPC Temporal service in this JVM, in real time.
 * It keeps nothing across restarts and has no Schedules or visibility queries; see the README.
 * ferry's search attributes are registered at start, as an operator does once on a real cluster.
 * Workflow tasks never go to a worker's own (sticky) queue, which this server would not hand back
 * when that worker dies (see {@link NoStickyQueues}); it is put together here, as the test server's
 * own {@code createPortBoundServer} does, to add that interceptor.
 */
public final class DevServer implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server server;
  private final int port;

  private DevServer(TestServicesStarter services, Server server, int port) {
    this.services = services;
    this.server = server;
    this.port = port;
  }

  /** Starts the server; time skipping stays locked so timers run in real time. */
  public static DevServer start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(
        services.getServices(), builder, List.of(new NoStickyQueues()));
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("dev server cannot listen on port " + port, e);
    }
    DevServer dev = new DevServer(services, server, port);
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
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdownNow();
    services.close();
  }
}
