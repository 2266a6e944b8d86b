package dev.ferry.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import dev.ferry.worker.codec.AesGcmPayloadCodec;
import dev.ferry.worker.codec.PayloadKeyring;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens a client connection to Temporal from {@link TemporalSettings}. */
public final class TemporalConnection {
  private TemporalConnection() {}

  /** Connects and checks the server answers, failing with a message that names the address. */
  public static WorkflowClient connect(TemporalSettings settings) {
    return connect(settings, new NoopScope());
  }

  /**
   * Connects as {@link #connect(TemporalSettings)}, reporting the SDK's metrics (and the worker's
   * migration metrics) to the scope.
   */
  public static WorkflowClient connect(TemporalSettings settings, Scope metrics) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(settings.address())
            .setMetricsScope(metrics);
    try {
      if (settings.mutualTls()) {
        options.setSslContext(sslContext(settings));
      }
      if (settings.apiKeyFile() != null) {
        String key =
            Files.readString(Path.of(settings.apiKeyFile()), StandardCharsets.UTF_8).trim();
        options.addApiKey(() -> key);
        if (!settings.mutualTls()) {
          options.setEnableHttps(true);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read Temporal credentials: " + e.getMessage(), e);
    }
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
    try {
      service.healthCheck();
      service.getServerCapabilities();
    } catch (RuntimeException e) {
      service.shutdownNow();
      throw new IllegalStateException(
          "cannot reach Temporal at "
              + settings.address()
              + " (namespace "
              + settings.namespace()
              + "): start one with 'bin/ferry dev-server' or set TEMPORAL_ADDRESS",
          e);
    }
    return WorkflowClient.newInstance(
        service,
        WorkflowClientOptions.newBuilder()
            .setNamespace(settings.namespace())
            .setDataConverter(dataConverter(settings))
            .build());
  }

  /**
   * The default JSON converter, with every payload encrypted when a payload key file is set.
   * Failure messages and stack traces are encrypted too: they can quote hosts, paths and plans.
   */
  public static DataConverter dataConverter(TemporalSettings settings) {
    DataConverter json = DefaultDataConverter.newDefaultInstance();
    if (settings.payloadKeyFile() == null) {
      return json;
    }
    PayloadKeyring keyring = PayloadKeyring.load(Path.of(settings.payloadKeyFile()));
    return new CodecDataConverter(json, List.of(new AesGcmPayloadCodec(keyring)), true);
  }

  /** Closes the client's connection. */
  public static void close(WorkflowClient client) {
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    service.shutdown();
    service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static SslContext sslContext(TemporalSettings settings) throws IOException {
    SslContextBuilder builder =
        GrpcSslContexts.forClient()
            .keyManager(new File(settings.tlsCertFile()), new File(settings.tlsKeyFile()));
    if (settings.tlsCaFile() != null) {
      builder.trustManager(new File(settings.tlsCaFile()));
    }
    return builder.build();
  }
}
