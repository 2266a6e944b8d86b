package dev.ferry.hypervisor.libvirt;

import java.util.Locale;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/**
 * What a host daemon is: architecture, hypervisor type, CPU model and memory size. These only
 * change when the daemon restarts, which drops the connection, so they are read once per connection
 * instead of on every check (the capabilities document is the largest thing a check reads).
 */
record HostIdentity(String arch, String hypervisorType, String cpuModel, long memoryTotalBytes) {

  static HostIdentity read(NativeConnect connect) throws LibvirtException {
    Element capabilities = Xml.parse(connect.getCapabilities());
    String type = connect.getType();
    String model = Xml.text(capabilities, "host", "cpu", "model");
    return new HostIdentity(
        Xml.text(capabilities, "host", "cpu", "arch"),
        type == null ? "" : type.toLowerCase(Locale.ROOT),
        model == null ? "unknown" : model,
        connect.nodeInfo().memory * 1024L);
  }

  /** Remembers the identity read on one connection; a new connection reads it again. */
  static final class Cache {
    private record Entry(NativeConnect connection, HostIdentity identity) {}

    private volatile Entry entry;

    // Identity on purpose: the cached value belongs to this very connection object.
    @SuppressWarnings("ReferenceEquality")
    HostIdentity of(NativeConnect connect) throws LibvirtException {
      Entry current = entry;
      if (current != null && current.connection() == connect) {
        return current.identity();
      }
      HostIdentity identity = read(connect);
      entry = new Entry(connect, identity);
      return identity;
    }
  }
}
