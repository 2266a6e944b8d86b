package dev.ferry.hypervisor.libvirt;

import dev.ferry.disk.BackingStore;
import dev.ferry.hypervisor.DiskSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * What ferry reads from a domain's XML: identity, CPU, memory, every disk and drive, and
 * passed-through devices. Pure, so it is tested on XML samples.
 *
 * @param uuid the domain UUID
 * @param virtType the domain type ({@code kvm}, {@code qemu})
 * @param arch the guest architecture
 * @param cpu the guest CPU
 * @param memoryBytes the maximum memory
 * @param disks every disk and removable drive, of whatever type
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
   * One disk or removable drive.
   *
   * @param target the guest-visible name
   * @param path the image file, a block disk's device, a network disk's source name; null for a
   *     volume (named by {@code detail}) and for an empty drive
   * @param format the driver type, {@code raw} when unspecified
   * @param backing the first layer of its {@code <backingStore>}, or null when it has none
   * @param source where its data lives
   * @param device {@code disk}, {@code lun}, {@code cdrom} or {@code floppy}
   * @param detail a network disk's protocol, a volume's {@code pool/volume}, an unknown type's name
   */
  record Disk(
      String target,
      String path,
      String format,
      BackingStore backing,
      DiskSource source,
      String device,
      String detail) {
    Disk(String target, String path, String format, BackingStore backing) {
      this(target, path, format, backing, DiskSource.FILE, "disk", null);
    }

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
      String target = Xml.attr(Xml.child(disk, "target"), "dev");
      if (target == null) {
        continue; // libvirt requires a target; a disk without one cannot be named
      }
      String type = Xml.attr(disk, "type");
      Element source = Xml.child(disk, "source");
      String format = Xml.attr(Xml.child(disk, "driver"), "type");
      format = format == null ? "raw" : format;
      String device = deviceOf(disk);
      String kind = type == null ? "file" : type;
      Disk read =
          switch (kind) {
            case "file" ->
                new Disk(
                    target,
                    Xml.attr(source, "file"),
                    format,
                    backing(disk),
                    DiskSource.FILE,
                    device,
                    null);
            case "block" ->
                new Disk(
                    target,
                    Xml.attr(source, "dev"),
                    format,
                    backing(disk),
                    DiskSource.BLOCK,
                    device,
                    null);
            case "network" ->
                new Disk(
                    target,
                    Xml.attr(source, "name"),
                    format,
                    null,
                    DiskSource.NETWORK,
                    device,
                    source == null ? null : Xml.attr(source, "protocol"));
            case "volume" ->
                new Disk(
                    target,
                    null,
                    format,
                    backing(disk),
                    DiskSource.VOLUME,
                    device,
                    source == null || Xml.attr(source, "pool") == null
                        ? null
                        : Xml.attr(source, "pool") + "/" + Xml.attr(source, "volume"));
            default -> new Disk(target, null, format, null, DiskSource.OTHER, device, kind);
          };
      disks.add(read);
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
      found.add(describeHostdev(hostdev, Xml.attr(hostdev, "type")));
    }
    // An SR-IOV virtual function handed to the guest as a network interface is passed through too.
    for (Element iface : Xml.children(devices, "interface")) {
      if ("hostdev".equals(Xml.attr(iface, "type"))) {
        String type = Xml.attr(Xml.child(iface, "source", "address"), "type");
        found.add("interface " + describeHostdev(iface, type == null ? "pci" : type));
      }
    }
    return found;
  }

  private static String describeHostdev(Element hostdev, String type) {
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
