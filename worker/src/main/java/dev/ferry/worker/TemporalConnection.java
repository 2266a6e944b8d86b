package dev.ferry.worker;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import dev.ferry.worker.codec.AesGcmPayloadCodec;
import dev.ferry.worker.codec.PayloadKeyring;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
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
import java.util.concurrent.TimeUnit;

/**
 * Opens a client connection to Temporal from {@link TemporalSettings}.
 *
 * <p>Every connection of this process runs on one event loop of ferry's own rather than gRPC's
 * shared default: the JVM, when it exits, waits up to 300 ms for any thread blocked in native code
 * (an event loop in its poll call), and gRPC keeps its default loop alive for a second after the
 * last channel closes. A CLI command that shuts this loop down before exiting ({@link
 * #releaseEventLoop()}) exits at once.
 */
public final class TemporalConnection {
  private static EventLoopGroup eventLoop;

  private TemporalConnection() {}

  private static synchronized EventLoopGroup eventLoop() {
    if (eventLoop == null || eventLoop.isShuttingDown()) {
      eventLoop = new NioEventLoopGroup(0, new DefaultThreadFactory("ferry-grpc", true));
    }
    return eventLoop;
  }

  /**
   * Stops the event loop once no connection uses it any more (all closed), so the process can exit
   * without the JVM waiting on it. Waits at most a second.
   */
  public static synchronized void releaseEventLoop() {
    if (eventLoop != null) {
      eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(1_000);
      eventLoop = null;
    }
  }

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
            .setMetricsScope(metrics)
            .setChannelInitializer(TemporalConnection::onFerrysEventLoop);
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

  private static void onFerrysEventLoop(ManagedChannelBuilder<?> builder) {
    if (builder instanceof NettyChannelBuilder netty) {
      netty.eventLoopGroup(eventLoop()).channelType(NioSocketChannel.class);
    }
  }

  /** Closes the client's connection. */
  public static void close(WorkflowClient client) {
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    service.shutdown();
    service.awaitTermination(5, TimeUnit.SECONDS);
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
