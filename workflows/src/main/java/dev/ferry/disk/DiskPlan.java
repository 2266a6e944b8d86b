package dev.ferry.disk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One disk of the guest and what the migration does with it.
 *
 * @param target the guest-visible name, for example {@code vda}
 * @param path the image path on the source
 * @param format the image format, for example {@code qcow2} or {@code raw}
 * @param capacityBytes the virtual size
 * @param shared the destination sees the same image at the same path: proven by the inventory or by
 *     a probe, or asserted by the operator with {@code --storage-copy none}
 * @param copy the migration copies this disk to the destination
 * @param backing the image's first backing layer, or null when it has none (and in plans made
 *     before ferry read it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiskPlan(
    String target,
    String path,
    String format,
    long capacityBytes,
    boolean shared,
    boolean copy,
    BackingStore backing) {

  public DiskPlan {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("disk target missing for image " + path);
    }
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("disk " + target + " capacity negative: " + capacityBytes);
    }
  }

  /** A disk without a backing layer. */
  public DiskPlan(
      String target, String path, String format, long capacityBytes, boolean shared, boolean copy) {
    this(target, path, format, capacityBytes, shared, copy, null);
  }

  /** The same disk with the copy decision made. */
  public DiskPlan withCopy(boolean value) {
    return new DiskPlan(target, path, format, capacityBytes, shared, value, backing);
  }
}
