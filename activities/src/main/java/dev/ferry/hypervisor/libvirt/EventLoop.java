package dev.ferry.hypervisor.libvirt;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop, registered once per process before the first connection and run by
 * one daemon thread: keepalive (and so the detection of dead connections) needs it.
 */
final class EventLoop {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

  /**
   * Replaces libvirt's default error printer, which writes every error (expected ones such as "no
   * domain" included, and messages that may quote URIs) to stderr. Errors still reach ferry as
   * exceptions. Held in a field so the native callback is never collected.
   */
  static final Libvirt.VirErrorCallback SILENT = (userData, error) -> {};

  private static Thread thread;

  private EventLoop() {}

  static synchronized void ensureRunning() {
    if (thread != null) {
      return;
    }
    try {
      Connect.setErrorCallback(SILENT);
      Library.initEventLoop();
    } catch (LibvirtException e) {
      throw new FerryException(
          FailureType.HYPERVISOR_ERROR,
          "cannot start libvirt's event loop: " + LibvirtErrors.sanitize(e.getMessage()));
    }
    thread = new Thread(EventLoop::run, "libvirt-events");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    while (true) {
      try {
        Library.runEventLoop();
        return;
      } catch (InterruptedException e) {
        return;
      } catch (LibvirtException e) {
        log.warn("libvirt event loop: {}", LibvirtErrors.sanitize(e.getMessage()));
      }
    }
  }
}
