package dev.ferry.hypervisor.libvirt;

import dev.ferry.migration.BackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * What ferry reads from a domain's XML: identity, CPU, memory, file disks and passed-through
 * devices. Pure, so it is tested on XML samples.
 *
 * @param uuid the domain UUID
 * @param virtType the domain type ({@code kvm}, {@code qemu})
 * @param arch the guest architecture
 * @param cpu the guest CPU
 * @param memoryBytes the maximum memory
 * @param disks file-backed disks ({@code <disk type='file' device='disk'>})
 * @param hostDevices passed-through devices, described for an operator
 */
record DomainXml(
    String uuid,
    String virtType,
    String arch,
    CpuSpec cpu,
    long memoryBytes,
    List<Disk> disks,
    List<String> hostDevices) {

  /**
   * One file-backed disk.
   *
   * @param target the guest-visible name
   * @param path the image file
   * @param format the driver type, {@code raw} when unspecified
   * @param backing the first layer of its {@code <backingStore>}, or null when it has none
   */
  record Disk(String target, String path, String format, BackingStore backing) {
    Disk(String target, String path, String format) {
      this(target, path, format, null);
    }
  }

  DomainXml {
    disks = List.copyOf(disks);
    hostDevices = List.copyOf(hostDevices);
  }

  /**
   * Parses a domain.
   *
   * @param xml the domain XML
   * @param hostCpuModel the CPU model of the host the domain runs on, recorded for passthrough
   */
  static DomainXml parse(String xml, String hostCpuModel) {
    Element domain = Xml.parse(xml);
    String virtType = Xml.attr(domain, "type");
    return new DomainXml(
        Xml.text(domain, "uuid"),
        virtType,
        Xml.attr(Xml.child(domain, "os", "type"), "arch"),
        cpu(Xml.child(domain, "cpu"), virtType, hostCpuModel),
        memoryBytes(Xml.child(domain, "memory")),
        disks(Xml.child(domain, "devices")),
        hostDevices(Xml.child(domain, "devices")));
  }

  private static CpuSpec cpu(Element cpu, String virtType, String hostCpuModel) {
    String mode = cpu == null ? null : Xml.attr(cpu, "mode");
    String model = Xml.text(cpu, "model");
    if (CpuSpec.PASSTHROUGH.equals(mode) || "maximum".equals(mode)) {
      return new CpuSpec(CpuSpec.PASSTHROUGH, hostCpuModel, null);
    }
    if (CpuSpec.HOST_MODEL.equals(mode)) {
      // A running guest's live XML shows the expanded model as custom; this is the config.
      return new CpuSpec(CpuSpec.HOST_MODEL, null, null);
    }
    if (model == null || model.isEmpty()) {
      return new CpuSpec(CpuSpec.DEFAULT, null, virtType);
    }
    return new CpuSpec(CpuSpec.CUSTOM, model, virtType);
  }

  static long memoryBytes(Element memory) {
    if (memory == null) {
      return 0;
    }
    long value = Long.parseLong(memory.getTextContent().trim());
    String unit = Xml.attr(memory, "unit");
    return value * unitBytes(unit == null ? "KiB" : unit);
  }

  /** libvirt's memory units; plain letters are powers of 1024, as libvirt documents. */
  static long unitBytes(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "b", "bytes" -> 1L;
      case "kb" -> 1_000L;
      case "k", "kib" -> 1L << 10;
      case "mb" -> 1_000_000L;
      case "m", "mib" -> 1L << 20;
      case "gb" -> 1_000_000_000L;
      case "g", "gib" -> 1L << 30;
      case "tb" -> 1_000_000_000_000L;
      case "t", "tib" -> 1L << 40;
      default -> throw new IllegalArgumentException("unknown memory unit: " + unit);
    };
  }

  private static List<Disk> disks(Element devices) {
    List<Disk> disks = new ArrayList<>();
    for (Element disk : Xml.children(devices, "disk")) {
      if (!"file".equals(Xml.attr(disk, "type")) || !"disk".equals(deviceOf(disk))) {
        continue;
      }
      String path = Xml.attr(Xml.child(disk, "source"), "file");
      String target = Xml.attr(Xml.child(disk, "target"), "dev");
      if (path == null || target == null) {
        continue; // an empty drive has nothing to move
      }
      String format = Xml.attr(Xml.child(disk, "driver"), "type");
      disks.add(new Disk(target, path, format == null ? "raw" : format, backing(disk)));
    }
    return disks;
  }

  /**
   * The first layer of a disk's backing chain. An empty {@code <backingStore/>} ends the chain (no
   * backing file); a layer ferry cannot name by a file path (a network or block layer) is kept by
   * its source as libvirt shows it, so the check can still refuse to copy over it.
   */
  private static BackingStore backing(Element disk) {
    Element store = Xml.child(disk, "backingStore");
    if (store == null) {
      return null;
    }
    Element source = Xml.child(store, "source");
    String path = source == null ? null : Xml.attr(source, "file");
    if (path == null && source != null) {
      path = Xml.attr(source, "dev");
    }
    if (path == null || path.isEmpty()) {
      return null;
    }
    return new BackingStore(path, Xml.attr(Xml.child(store, "format"), "type"));
  }

  private static String deviceOf(Element disk) {
    String device = Xml.attr(disk, "device");
    return device == null ? "disk" : device;
  }

  private static List<String> hostDevices(Element devices) {
    List<String> found = new ArrayList<>();
    for (Element hostdev : Xml.children(devices, "hostdev")) {
      found.add(describeHostdev(hostdev));
    }
    return found;
  }

  private static String describeHostdev(Element hostdev) {
    String type = Xml.attr(hostdev, "type");
    Element source = Xml.child(hostdev, "source");
    Element address = Xml.child(source, "address");
    if ("pci".equals(type) && address != null) {
      return String.format(
          "pci %04x:%02x:%02x.%x",
          number(Xml.attr(address, "domain")),
          number(Xml.attr(address, "bus")),
          number(Xml.attr(address, "slot")),
          number(Xml.attr(address, "function")));
    }
    if ("usb".equals(type)) {
      String vendor = Xml.attr(Xml.child(source, "vendor"), "id");
      String product = Xml.attr(Xml.child(source, "product"), "id");
      if (vendor != null && product != null) {
        return "usb " + vendor.replace("0x", "") + ":" + product.replace("0x", "");
      }
      if (address != null) {
        return "usb bus " + Xml.attr(address, "bus") + " device " + Xml.attr(address, "device");
      }
    }
    if ("scsi".equals(type) && address != null) {
      return "scsi "
          + Xml.attr(Xml.child(source, "adapter"), "name")
          + " unit "
          + Xml.attr(address, "unit");
    }
    if ("mdev".equals(type) && address != null) {
      return "mdev " + Xml.attr(address, "uuid");
    }
    return "hostdev " + (type == null ? Xml.attr(hostdev, "mode") : type);
  }

  private static long number(String value) {
    if (value == null) {
      return 0;
    }
    return value.startsWith("0x") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
  }
}
