package dev.ferry.disk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The first backing layer of a disk image: the file the image is an overlay on.
 *
 * @param path the backing file's path
 * @param format its format, for example {@code qcow2} or {@code raw}; null when libvirt names none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackingStore(String path, String format) {
  public BackingStore {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("a backing store needs a path");
    }
  }
}
