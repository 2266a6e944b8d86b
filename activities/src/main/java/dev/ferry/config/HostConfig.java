package dev.ferry.config;

import java.net.URI;
import java.util.Map;

/**
 * One host of the inventory.
 *
 * @param name the name operators and workflows use
 * @param uri the hypervisor URI: {@code qemu+tcp://...}, {@code qemu+ssh://...}, {@code
 *     qemu+tls://...}, {@code qemu:///system}, or {@code sim://NAME} for the simulated driver
 * @param migrationAddress the address other hosts use to reach this one for the migration stream;
 *     defaults to the host part of the URI
 * @param labels free-form labels (rack, zone, ...)
 * @param auth where the worker finds credentials for this host, or null
 * @param sim the simulated host's model, for {@code sim://} hosts
 */
public record HostConfig(
    String name,
    String uri,
    String migrationAddress,
    Map<String, String> labels,
    HostAuth auth,
    SimHostConfig sim) {

  public HostConfig {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The address the migration stream goes to: the configured one, else the URI's host. */
  public String effectiveMigrationAddress() {
    if (migrationAddress != null && !migrationAddress.isBlank()) {
      return migrationAddress;
    }
    String host = URI.create(uri).getHost();
    return host == null ? name : host;
  }

  /** Whether the simulated driver serves this host. */
  public boolean simulated() {
    return uri.startsWith("sim://");
  }
}
