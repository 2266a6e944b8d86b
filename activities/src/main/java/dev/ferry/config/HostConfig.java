package dev.ferry.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param memoryLimitMiB the most memory ferry may fill with guests on this host, below what the
 *     hypervisor reports (to keep room for the host itself), or null for no limit
 * @param sharedStorage directories whose images this host shares with other hosts that declare them
 *     too (the same storage mounted at the same path): a disk under a prefix both hosts of a
 *     migration declare is shared, and not copied
 */
public record HostConfig(
    String name,
    String uri,
    String migrationAddress,
    Map<String, String> labels,
    HostAuth auth,
    SimHostConfig sim,
    Long memoryLimitMiB,
    List<String> sharedStorage) {

  public HostConfig {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    sharedStorage = sharedStorage == null ? List.of() : List.copyOf(sharedStorage);
  }

  /** A host that declares no shared storage. */
  public HostConfig(
      String name,
      String uri,
      String migrationAddress,
      Map<String, String> labels,
      HostAuth auth,
      SimHostConfig sim,
      Long memoryLimitMiB) {
    this(name, uri, migrationAddress, labels, auth, sim, memoryLimitMiB, null);
  }

  /** The declared shared-storage prefix that holds the file at this path, if any. */
  public Optional<String> sharedStorageFor(String path) {
    Path file = Path.of(path).normalize();
    return sharedStorage.stream()
        .filter(prefix -> file.startsWith(Path.of(prefix).normalize()))
        .findFirst();
  }

  /** The address the migration stream goes to: the configured one, else the URI's host. */
  public String effectiveMigrationAddress() {
    if (migrationAddress != null && !migrationAddress.isBlank()) {
      return migrationAddress;
    }
    String host = URI.create(uri).getHost();
    return host == null ? name : host;
  }

  /** Free memory for guests: what the hypervisor reports, capped by {@link #memoryLimitMiB}. */
  public long usableFreeMemoryBytes(long totalBytes, long freeBytes) {
    if (memoryLimitMiB == null) {
      return freeBytes;
    }
    long used = totalBytes - freeBytes;
    return Math.max(0, Math.min(freeBytes, memoryLimitMiB * 1024L * 1024L - used));
  }

  /** Whether the simulated driver serves this host. */
  public boolean simulated() {
    return uri.startsWith("sim://");
  }
}
