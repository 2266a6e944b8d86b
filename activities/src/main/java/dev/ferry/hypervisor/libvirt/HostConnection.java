package dev.ferry.hypervisor.libvirt;

import dev.ferry.config.HostConfig;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.libvirt.LibvirtErrors.Context;
import dev.ferry.hypervisor.libvirt.NativeConnect.NativeException;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's libvirt connection: opened on first use, shared by every thread (libvirt connections
 * are thread-safe, and a blocking migrate call leaves the others usable), kept alive, reopened when
 * it dropped, closed at worker shutdown.
 */
final class HostConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HostConnection.class);
  private static final int KEEPALIVE_INTERVAL_SECS = 5;
  private static final int KEEPALIVE_COUNT = 3;

  /** One call against a connection. */
  interface Call<T> {
    T apply(NativeConnect connection) throws LibvirtException, NativeException;
  }

  private final HostConfig host;
  private NativeConnect current;
  private boolean closed;

  HostConnection(HostConfig host) {
    this.host = host;
  }

  String hostName() {
    return host.name();
  }

  /**
   * Runs an idempotent call; if the connection turns out to be dead, runs it once more on a fresh
   * one.
   */
  <T> T call(String what, Call<T> call) {
    NativeConnect connection = connection();
    try {
      return call.apply(connection);
    } catch (LibvirtException | NativeException e) {
      Error error = errorOf(e);
      if (!LibvirtErrors.connectionLost(error) || isAlive(connection)) {
        throw LibvirtErrors.translate(error, what, host.name(), Context.CALL);
      }
      log.info("connection to {} dropped; reconnecting for {}", host.name(), what);
      discard(connection);
      try {
        return call.apply(connection());
      } catch (LibvirtException | NativeException again) {
        throw LibvirtErrors.translate(errorOf(again), what, host.name(), Context.CALL);
      }
    }
  }

  /** Runs a call that must not run twice (migrate): no retry, failures in the given context. */
  <T> T callOnce(String what, Context context, Call<T> call) {
    NativeConnect connection = connection();
    try {
      return call.apply(connection);
    } catch (LibvirtException | NativeException e) {
      if (LibvirtErrors.connectionLost(errorOf(e)) && !isAlive(connection)) {
        discard(connection);
      }
      throw LibvirtErrors.translate(errorOf(e), what, host.name(), context);
    }
  }

  private synchronized NativeConnect connection() {
    if (closed) {
      throw new FerryException(
          FailureType.HOST_UNREACHABLE, "connection to host " + host.name() + " is closed");
    }
    if (current != null && isAlive(current)) {
      return current;
    }
    if (current != null) {
      discard(current);
    }
    EventLoop.ensureRunning();
    try {
      NativeConnect opened = new NativeConnect(host.uri(), new SaslAuth(host.auth()));
      opened.setConnectionErrorCallback(EventLoop.SILENT);
      opened.setKeepAlive(KEEPALIVE_INTERVAL_SECS, KEEPALIVE_COUNT);
      current = opened;
      return opened;
    } catch (LibvirtException e) {
      // libvirt's message names the address it tried; the URI's user part is stripped.
      throw new FerryException(
          FailureType.HOST_UNREACHABLE,
          "cannot connect to host "
              + host.name()
              + ": "
              + LibvirtErrors.sanitize(e.getError() == null ? "" : e.getError().getMessage()));
    }
  }

  // Identity on purpose: Connect.equals compares URIs, and only this very object may be dropped.
  @SuppressWarnings("ReferenceEquality")
  private synchronized void discard(NativeConnect connection) {
    if (current == connection) {
      current = null;
    }
    closeQuietly(connection);
  }

  private static boolean isAlive(NativeConnect connection) {
    try {
      return connection.isAlive();
    } catch (LibvirtException e) {
      return false;
    }
  }

  private static Error errorOf(Exception e) {
    return e instanceof LibvirtException libvirt
        ? libvirt.getError()
        : ((NativeException) e).error();
  }

  private static void closeQuietly(NativeConnect connection) {
    try {
      connection.close();
    } catch (LibvirtException e) {
      // Closing a dead connection fails; there is nothing left to release.
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      closeQuietly(current);
      current = null;
    }
  }
}
