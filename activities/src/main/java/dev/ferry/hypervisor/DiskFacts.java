package dev.ferry.hypervisor;

import dev.ferry.migration.BackingStore;

/**
 * One disk of a guest.
 *
 * @param target the guest-visible name, for example {@code vda}
 * @param path the image path on the host
 * @param format the image format
 * @param capacityBytes the virtual size
 * @param backing the image's first backing layer, or null when it has none
 */
public record DiskFacts(
    String target, String path, String format, long capacityBytes, BackingStore backing) {

  /** A disk without a backing layer. */
  public DiskFacts(String target, String path, String format, long capacityBytes) {
    this(target, path, format, capacityBytes, null);
  }
}
