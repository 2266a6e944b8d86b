package dev.ferry.hypervisor.libvirt;

import java.nio.file.Path;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/** Which domain on a host, running or only defined, has an image among its disks. */
final class ImageUsers {
  private ImageUsers() {}

  /** The name of a domain whose disk is the image at the path, or null if none. */
  static String find(NativeConnect c, String path) throws LibvirtException {
    Path wanted = Path.of(path).normalize();
    for (Domain domain : c.listAllDomains(0)) {
      try {
        if (uses(domain.getXMLDesc(0), wanted)) {
          return domain.getName();
        }
      } finally {
        domain.free();
      }
    }
    return null;
  }

  /** Whether any disk of the domain's XML has the path as its file or block device. */
  static boolean uses(String domainXml, Path wanted) {
    Element devices = Xml.child(Xml.parse(domainXml), "devices");
    if (devices == null) {
      return false;
    }
    for (Element disk : Xml.children(devices, "disk")) {
      Element source = Xml.child(disk, "source");
      for (String attribute : new String[] {"file", "dev"}) {
        String value = source == null ? null : Xml.attr(source, attribute);
        if (value != null && Path.of(value).normalize().equals(wanted)) {
          return true;
        }
      }
    }
    return false;
  }
}
