package dev.ferry.hypervisor.libvirt;

import dev.ferry.hypervisor.ImageClaims;
import dev.ferry.hypervisor.ImageOwner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Owner marks of pre-created images, kept as empty volumes beside the image in its pool (see {@link
 * ImageOwner#markName}). A volume name is the one thing every libvirt storage backend lets ferry
 * write and read back through the same connection, and the mark shows to an operator listing the
 * pool, next to the image it speaks for.
 */
final class ImageMarks {
  private ImageMarks() {}

  /** Whose mark the image at the path carries, seen from this owner. */
  static ImageClaims.Mark relate(StoragePool pool, String path, ImageOwner owner)
      throws LibvirtException {
    String file = fileName(path);
    List<String> marks = marksOf(pool, file);
    if (marks.contains(owner.markName(file))) {
      return ImageClaims.Mark.OURS;
    }
    if (marks.stream().anyMatch(mark -> owner.sameGuest(file, mark))) {
      return ImageClaims.Mark.SAME_GUEST;
    }
    return marks.isEmpty() ? ImageClaims.Mark.NONE : ImageClaims.Mark.OTHER;
  }

  /**
   * Leaves the image with this owner's mark only. Other marks go first: a cleanup racing this call
   * then finds no mark of its own and keeps the image.
   */
  static void replace(StoragePool pool, String path, ImageOwner owner) throws LibvirtException {
    String file = fileName(path);
    String ours = owner.markName(file);
    boolean present = false;
    for (String mark : marksOf(pool, file)) {
      if (mark.equals(ours)) {
        present = true;
      } else {
        delete(pool, mark);
      }
    }
    if (!present) {
      pool.storageVolCreateXML(LibvirtStorage.volumeXml(ours, "raw", 0), 0).free();
    }
  }

  /** Removes this owner's mark of the image, if present. */
  static void remove(StoragePool pool, String path, ImageOwner owner) throws LibvirtException {
    String file = fileName(path);
    String ours = owner.markName(file);
    if (marksOf(pool, file).contains(ours)) {
      delete(pool, ours);
    }
  }

  private static List<String> marksOf(StoragePool pool, String file) throws LibvirtException {
    // Another worker may have made or removed a mark since this pool was last read.
    pool.refresh(0);
    List<String> marks = new ArrayList<>();
    for (String name : pool.listVolumes()) {
      if (ImageOwner.isMarkOf(file, name)) {
        marks.add(name);
      }
    }
    return marks;
  }

  private static void delete(StoragePool pool, String name) throws LibvirtException {
    StorageVol mark = pool.storageVolLookupByName(name);
    try {
      mark.delete(0);
    } finally {
      mark.free();
    }
  }

  private static String fileName(String path) {
    return Path.of(path).getFileName().toString();
  }
}
