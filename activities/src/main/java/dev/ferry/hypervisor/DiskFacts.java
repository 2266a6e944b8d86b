package dev.ferry.hypervisor;

import dev.ferry.disk.BackingStore;

/**
 * One disk of a guest, or one removable drive.
 *
 * @param target the guest-visible name, for example {@code vda}
 * @param path the image path on the host: a block disk's device, a volume's resolved path (null
 *     when it could not be resolved), a network disk's source name; null for an empty drive
 * @param format the image format
 * @param capacityBytes the virtual size
 * @param backing the image's first backing layer, or null when it has none
 * @param source where its data lives, {@link DiskSource#FILE} when unspecified
 * @param device {@code disk}, {@code lun}, {@code cdrom} or {@code floppy}; {@code disk} when
 *     unspecified
 * @param detail a network disk's protocol, a volume's {@code pool/volume}, or the type ferry does
 *     not know; null for a file or block disk
 */
public record DiskFacts(
    String target,
    String path,
    String format,
    long capacityBytes,
    BackingStore backing,
    DiskSource source,
    String device,
    String detail) {

  public DiskFacts {
    source = source == null ? DiskSource.FILE : source;
    device = device == null ? "disk" : device;
  }

  /** A file disk. */
  public DiskFacts(
      String target, String path, String format, long capacityBytes, BackingStore backing) {
    this(target, path, format, capacityBytes, backing, DiskSource.FILE, "disk", null);
  }

  /** A file disk without a backing layer. */
  public DiskFacts(String target, String path, String format, long capacityBytes) {
    this(target, path, format, capacityBytes, null);
  }

  /** Whether it is a removable drive (a CD-ROM or a floppy): checked, never copied. */
  public boolean removable() {
    return "cdrom".equals(device) || "floppy".equals(device);
  }
}
