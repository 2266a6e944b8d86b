package dev.ferry.config;

import java.util.List;

/**
 * A simulated guest.
 *
 * @param name its name
 * @param host the sim host it starts on
 * @param memoryMiB its memory
 * @param dirtyMiBps how fast it dirties memory
 * @param state {@code running} (default), {@code paused} or {@code shut-off}
 * @param cpuModel the CPU model it was started with (default: its host's)
 * @param disks its disks
 * @param hostDevices passed-through devices (makes it unmovable)
 * @param labels free-form labels
 * @param workingSetMiB the memory it keeps rewriting: no pre-copy pass finds more than this dirty
 *     (default: all its memory)
 */
public record SimVmConfig(
    String name,
    String host,
    Long memoryMiB,
    Long dirtyMiBps,
    String state,
    String cpuModel,
    List<SimDiskConfig> disks,
    List<String> hostDevices,
    java.util.Map<String, String> labels,
    Long workingSetMiB) {

  public SimVmConfig {
    memoryMiB = memoryMiB == null ? 1024L : memoryMiB;
    dirtyMiBps = dirtyMiBps == null ? 16L : dirtyMiBps;
    state = state == null ? "running" : state;
    disks = disks == null ? List.of() : List.copyOf(disks);
    hostDevices = hostDevices == null ? List.of() : List.copyOf(hostDevices);
    labels = labels == null ? java.util.Map.of() : java.util.Map.copyOf(labels);
    workingSetMiB = workingSetMiB == null ? memoryMiB : workingSetMiB;
  }

  /**
   * A simulated disk.
   *
   * @param target guest-visible name
   * @param path image path
   * @param sizeMiB virtual size
   * @param shared whether every host sees the image (shared storage)
   * @param format image format, default qcow2
   * @param backing the image's backing file (it is an overlay), or null; the backing file is seen
   *     where the image is: by every host if the image is shared, else by the guest's host only
   * @param backingFormat the backing file's format, default qcow2
   * @param type {@code file} (default), {@code block} (a device at {@code path}), {@code network}
   *     (remote storage named {@code path}, which no host holds as an image) or any other word (a
   *     type ferry does not know)
   * @param device {@code disk} (default), {@code cdrom} or {@code floppy}; a drive without a path
   *     is empty
   * @param protocol a network disk's protocol, default {@code rbd}
   */
  public record SimDiskConfig(
      String target,
      String path,
      Long sizeMiB,
      Boolean shared,
      String format,
      String backing,
      String backingFormat,
      String type,
      String device,
      String protocol) {
    public SimDiskConfig {
      type = type == null ? "file" : type;
      device = device == null ? "disk" : device;
      protocol = "network".equals(type) && protocol == null ? "rbd" : protocol;
      sizeMiB = sizeMiB == null ? 10_240L : sizeMiB;
      shared = shared == null ? Boolean.TRUE : shared;
      format = format == null ? "qcow2" : format;
      backingFormat = backing == null ? null : backingFormat == null ? "qcow2" : backingFormat;
    }

    /** A disk that is no overlay. */
    public SimDiskConfig(String target, String path, Long sizeMiB, Boolean shared, String format) {
      this(target, path, sizeMiB, shared, format, null, null);
    }

    /** A file disk, maybe an overlay. */
    public SimDiskConfig(
        String target,
        String path,
        Long sizeMiB,
        Boolean shared,
        String format,
        String backing,
        String backingFormat) {
      this(target, path, sizeMiB, shared, format, backing, backingFormat, null, null, null);
    }
  }
}
