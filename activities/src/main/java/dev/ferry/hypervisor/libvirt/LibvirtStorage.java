package dev.ferry.hypervisor.libvirt;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
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

  void createVolume(String path, String format, long capacityBytes) {
    connection.call(
        "create image " + path,
        c -> {
          StorageVol existing = find(c, path);
          if (existing != null) {
            try {
              long capacity = existing.getInfo().capacity;
              if (capacity != capacityBytes) {
                throw new FerryException(
                    FailureType.NAME_CLASH,
                    "host "
                        + connection.hostName()
                        + " already has an image of "
                        + capacity
                        + " bytes at "
                        + path
                        + " (wanted "
                        + capacityBytes
                        + ")");
              }
              return null;
            } finally {
              existing.free();
            }
          }
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
          try {
            pool.storageVolCreateXML(volumeXml(path, format, capacityBytes), 0).free();
          } finally {
            pool.free();
          }
          return null;
        });
  }

  void deleteVolume(String path) {
    connection.call(
        "delete image " + path,
        c -> {
          StorageVol volume = find(c, path);
          if (volume != null) {
            try {
              volume.delete(0);
            } finally {
              volume.free();
            }
          }
          return null;
        });
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
  private static StoragePool coveringPool(NativeConnect c, String path) throws LibvirtException {
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

  private static String parent(String path) {
    Path parent = Path.of(path).normalize().getParent();
    return parent == null ? "/" : parent.toString();
  }

  static String volumeXml(String path, String format, long capacityBytes) {
    String name = Path.of(path).getFileName().toString();
    return "<volume><name>"
        + Xml.escape(name)
        + "</name><capacity unit='bytes'>"
        + capacityBytes
        + "</capacity><target><format type='"
        + Xml.escape(format == null ? "raw" : format)
        + "'/></target></volume>";
  }
}
