package dev.ferry.hypervisor.libvirt;

import dev.ferry.config.HostConfig;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.HypervisorFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves hosts with QEMU URIs ({@code qemu:///system}, {@code qemu+tcp://}, {@code qemu+ssh://},
 * {@code qemu+tls://}, {@code qemu+unix://}, {@code qemu+libssh2://}) through libvirt. One
 * connection per host, opened on first use and shared by all activities; {@link #close} closes them
 * all at worker shutdown.
 */
public final class LibvirtDriver implements HypervisorFactory, AutoCloseable {
  private static final Set<String> SCHEMES =
      Set.of("qemu", "qemu+tcp", "qemu+ssh", "qemu+tls", "qemu+unix", "qemu+libssh2");

  private final Map<String, LibvirtHypervisor> hosts = new ConcurrentHashMap<>();

  @Override
  public boolean accepts(String uri) {
    int colon = uri.indexOf("://");
    return colon > 0 && SCHEMES.contains(uri.substring(0, colon));
  }

  @Override
  public Hypervisor open(HostConfig host) {
    return hosts.computeIfAbsent(
        host.name(), name -> new LibvirtHypervisor(new HostConnection(host), this::peer));
  }

  /** Another host of this driver, for the destination side of a migration. */
  private LibvirtHypervisor peer(String name) {
    LibvirtHypervisor peer = hosts.get(name);
    if (peer == null) {
      throw new FerryException(
          FailureType.HOST_NOT_FOUND, "host '" + name + "' is not served by the libvirt driver");
    }
    return peer;
  }

  @Override
  public void close() {
    for (LibvirtHypervisor host : hosts.values()) {
      host.connection().close();
    }
  }
}
