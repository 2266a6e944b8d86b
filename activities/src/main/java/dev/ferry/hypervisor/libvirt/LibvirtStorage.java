package dev.ferry.hypervisor.libvirt;

import dev.ferry.disk.BackingStore;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.ImageClaims;
import dev.ferry.hypervisor.ImageOwner;
import dev.ferry.hypervisor.SharedProbe;
import java.nio.file.Path;
import java.util.Optional;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Disk images through the host's storage pools: what the host sees at a path, and images created in
 * the pool whose target directory holds the path. A pool learns of files made behind its back only
 * when refreshed, so a miss refreshes the covering pool and looks again.
 */
final class LibvirtStorage {
  private final HostConnection connection;

  LibvirtStorage(HostConnection connection) {
    this.connection = connection;
  }

  Optional<Long> volumeSize(String path) {
    return connection.call(
        "size of " + path,
        c -> {
          StorageVol volume = find(c, path);
          if (volume == null) {
            return Optional.empty();
          }
          try {
            return Optional.of(volume.getInfo().capacity);
          } finally {
            volume.free();
          }
        });
  }

  /**
   * The path of a pool's volume, named {@code pool/volume} as a {@code <disk type='volume'>} names
   * it; empty when the host has no such pool or volume.
   */
  Optional<String> volumePath(String poolAndVolume) {
    int slash = poolAndVolume.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String poolName = poolAndVolume.substring(0, slash);
    String volumeName = poolAndVolume.substring(slash + 1);
    return connection.call(
        "path of volume " + poolAndVolume,
        c -> {
          StoragePool pool;
          try {
            pool = c.storagePoolLookupByName(poolName);
          } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
              return Optional.<String>empty();
            }
            throw e;
          }
          try {
            StorageVol volume = pool.storageVolLookupByName(volumeName);
            try {
              return Optional.ofNullable(volume.getPath());
            } finally {
              volume.free();
            }
          } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
              return Optional.<String>empty();
            }
            throw e;
          } finally {
            pool.free();
          }
        });
  }

  /**
   * Creates the image in the pool that holds its directory, its owner mark first: a prepare
   * interrupted between the two leaves a mark without an image, which a retry completes and a
   * cleanup removes, never an image nobody owns.
   */
  void createVolume(
      String path, String format, long capacityBytes, BackingStore backing, ImageOwner owner) {
    connection.call(
        "create image " + path,
        c -> {
          StoragePool pool = requirePool(c, path);
          try {
            StorageVol existing = find(c, path);
            if (existing != null) {
              long size;
              try {
                size = existing.getInfo().capacity;
              } finally {
                existing.free();
              }
              ImageClaims.requireReusable(
                  connection.hostName(),
                  path,
                  size,
                  capacityBytes,
                  ImageMarks.relate(pool, path, owner),
                  ImageUsers.find(c, path));
              // Taken over from an earlier migration of the guest: its pending cleanup keeps it.
              ImageMarks.replace(pool, path, owner);
              return null;
            }
            ImageMarks.replace(pool, path, owner);
            pool.storageVolCreateXML(volumeXml(path, format, capacityBytes, backing), 0).free();
          } finally {
            pool.free();
          }
          return null;
        });
  }

  /**
   * Deletes the image and its mark only if it carries this owner's mark and no domain on the host
   * uses it, the proof read immediately before the delete.
   */
  String deleteVolume(String path, ImageOwner owner) {
    return connection.call(
        "delete image " + path,
        c -> {
          StoragePool pool = coveringPool(c, path);
          if (pool == null) {
            return "no storage pool holds " + path + " on " + connection.hostName();
          }
          try {
            StorageVol volume = find(c, path);
            if (volume == null) {
              ImageMarks.remove(pool, path, owner);
              return "no image at " + path;
            }
            try {
              String kept =
                  ImageClaims.whyKept(
                      connection.hostName(),
                      path,
                      ImageMarks.relate(pool, path, owner),
                      ImageUsers.find(c, path));
              if (kept != null) {
                return kept;
              }
              volume.delete(0);
            } finally {
              volume.free();
            }
            ImageMarks.remove(pool, path, owner);
            return "deleted " + path;
          } finally {
            pool.free();
          }
        });
  }

  /** Removes this owner's mark: the image belongs to the guest that runs on it now. */
  void adoptVolume(String path, ImageOwner owner) {
    connection.call(
        "adopt image " + path,
        c -> {
          StoragePool pool = coveringPool(c, path);
          if (pool != null) {
            try {
              ImageMarks.remove(pool, path, owner);
            } finally {
              pool.free();
            }
          }
          return null;
        });
  }

  /**
   * Writes an empty probe in the pool whose target directory holds the image. No pool there, or a
   * pool that cannot hold an empty volume (a disk or LVM pool), proves nothing: empty.
   */
  Optional<String> createSharedProbe(String imagePath) {
    return connection.call(
        "write a shared-storage probe beside " + imagePath,
        c -> {
          StoragePool pool = coveringPool(c, imagePath);
          if (pool == null) {
            return Optional.empty();
          }
          String probe = SharedProbe.beside(imagePath);
          try {
            pool.storageVolCreateXML(volumeXml(probe, "raw", 0), 0).free();
          } catch (LibvirtException e) {
            if (LibvirtErrors.connectionLost(e.getError())) {
              throw e;
            }
            return Optional.empty();
          } finally {
            pool.free();
          }
          return Optional.of(probe);
        });
  }

  /** Deletes the probe at this path, if it is still there. */
  void deleteSharedProbe(String probePath) {
    if (!SharedProbe.isProbe(probePath)) {
      throw new FerryException(
          FailureType.NOT_OURS,
          "not deleting " + probePath + " on " + connection.hostName() + ": not a probe");
    }
    connection.call(
        "delete shared-storage probe " + probePath,
        c -> {
          StorageVol probe = find(c, probePath);
          if (probe != null) {
            try {
              probe.delete(0);
            } finally {
              probe.free();
            }
          }
          return null;
        });
  }

  /** Whose owner mark the image at this path carries, from the marks in its pool. */
  ImageClaims.Mark imageMark(String path, ImageOwner owner) {
    return connection.call(
        "owner mark of " + path,
        c -> {
          StoragePool pool = coveringPool(c, path);
          if (pool == null) {
            return ImageClaims.Mark.NONE;
          }
          try {
            return ImageMarks.relate(pool, path, owner);
          } finally {
            pool.free();
          }
        });
  }

  private StoragePool requirePool(NativeConnect c, String path) throws LibvirtException {
    StoragePool pool = coveringPool(c, path);
    if (pool == null) {
      throw new FerryException(
          FailureType.MIGRATION_FAILED,
          "no active storage pool on host "
              + connection.hostName()
              + " has directory "
              + parent(path)
              + " as its target: define one (virsh pool-define-as NAME dir"
              + " --target "
              + parent(path)
              + ") so ferry can create "
              + path);
    }
    return pool;
  }

  /** The volume at the path, refreshing the covering pool once if needed; null if none. */
  private static StorageVol find(NativeConnect c, String path) throws LibvirtException {
    StorageVol volume = lookup(c, path);
    if (volume != null) {
      return volume;
    }
    StoragePool pool = coveringPool(c, path);
    if (pool == null) {
      return null;
    }
    try {
      pool.refresh(0);
    } finally {
      pool.free();
    }
    return lookup(c, path);
  }

  private static StorageVol lookup(NativeConnect c, String path) throws LibvirtException {
    try {
      return c.storageVolLookupByPath(path);
    } catch (LibvirtException e) {
      if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
        return null;
      }
      throw e;
    }
  }

  /** The active pool whose target directory is the path's directory, or null. */
  static StoragePool coveringPool(NativeConnect c, String path) throws LibvirtException {
    String directory = parent(path);
    for (String name : c.listStoragePools()) {
      StoragePool pool = c.storagePoolLookupByName(name);
      String target = Xml.text(Xml.parse(pool.getXMLDesc(0)), "target", "path");
      if (target != null && Path.of(target).normalize().toString().equals(directory)) {
        return pool;
      }
      pool.free();
    }
    return null;
  }

  static String parent(String path) {
    Path parent = Path.of(path).normalize().getParent();
    return parent == null ? "/" : parent.toString();
  }

  static String volumeXml(String path, String format, long capacityBytes) {
    return volumeXml(path, format, capacityBytes, null);
  }

  /**
   * A volume, as an overlay on the backing file if one is given: libvirt does not pre-create the
   * targets of an incremental copy itself, and an overlay made without its backing file would show
   * the guest a disk of zeros under what the copy writes.
   */
  static String volumeXml(String path, String format, long capacityBytes, BackingStore backing) {
    String name = Path.of(path).getFileName().toString();
    return "<volume><name>"
        + Xml.escape(name)
        + "</name><capacity unit='bytes'>"
        + capacityBytes
        + "</capacity><target><format type='"
        + Xml.escape(format == null ? "raw" : format)
        + "'/></target>"
        + (backing == null
            ? ""
            : "<backingStore><path>"
                + Xml.escape(backing.path())
                + "</path>"
                + (backing.format() == null
                    ? ""
                    : "<format type='" + Xml.escape(backing.format()) + "'/>")
                + "</backingStore>")
        + "</volume>";
  }
}
