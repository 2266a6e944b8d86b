package dev.ferry.hypervisor.libvirt;

import dev.ferry.config.HostConfig;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.libvirt.LibvirtErrors.Context;
import dev.ferry.hypervisor.libvirt.NativeConnect.NativeException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's libvirt connection: opened on first use, shared by every thread (libvirt connections
 * are thread-safe), kept alive, reopened when it dropped, closed at worker shutdown. A migrate
 * call, which blocks for the whole transfer, gets a connection of its own: while it was outstanding
 * on the shared one, the other threads' calls there (job statistics, state) were at times answered
 * only at the next keepalive, 5 or 10 s late, and the transfer's progress went quiet meanwhile.
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
  private final Set<NativeConnect> own = Collections.newSetFromMap(new IdentityHashMap<>());
  private NativeConnect current;
  private volatile boolean closed;

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

  /**
   * Runs a long call that must not run twice (migrate) on a connection of its own, opened for it
   * and closed after it: no retry, failures in the given context.
   */
  <T> T callOnce(String what, Context context, Call<T> call) {
    NativeConnect connection = openOwn();
    try {
      return call.apply(connection);
    } catch (LibvirtException | NativeException e) {
      throw LibvirtErrors.translate(errorOf(e), what, host.name(), context);
    } finally {
      closeOwn(connection);
    }
  }

  /** Opens outside the lock: connecting to a host that does not answer takes long. */
  private NativeConnect openOwn() {
    NativeConnect opened = open();
    synchronized (this) {
      if (!closed) {
        own.add(opened);
        return opened;
      }
    }
    closeQuietly(opened);
    throw closedError();
  }

  private synchronized void closeOwn(NativeConnect connection) {
    if (own.remove(connection)) {
      closeQuietly(connection);
    }
  }

  private synchronized NativeConnect connection() {
    if (current != null && isAlive(current)) {
      return current;
    }
    if (current != null) {
      discard(current);
    }
    current = open();
    return current;
  }

  private NativeConnect open() {
    if (closed) {
      throw closedError();
    }
    EventLoop.ensureRunning();
    SaslAuth auth = new SaslAuth(host.auth());
    try {
      NativeConnect opened = new NativeConnect(host.uri(), auth);
      opened.setConnectionErrorCallback(EventLoop.SILENT);
      opened.setKeepAlive(KEEPALIVE_INTERVAL_SECS, KEEPALIVE_COUNT);
      return opened;
    } catch (LibvirtException e) {
      // A refused login is AUTH_FAILED, never retried: waiting does not fix a password.
      throw LibvirtErrors.connectFailed(e.getError(), host.name(), auth.problem());
    }
  }

  private FerryException closedError() {
    return new FerryException(
        FailureType.HOST_UNREACHABLE, "connection to host " + host.name() + " is closed");
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
    own.forEach(HostConnection::closeQuietly);
    own.clear();
    if (current != null) {
      closeQuietly(current);
      current = null;
    }
  }
}
