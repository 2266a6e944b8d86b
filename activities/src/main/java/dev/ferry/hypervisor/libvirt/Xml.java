package dev.ferry.hypervisor.libvirt;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The JDK's DOM parser, locked down (no DTDs, no external entities), and small navigation aids. */
final class Xml {
  private Xml() {}

  static Element parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new FerryException(
          FailureType.HYPERVISOR_ERROR,
          "libvirt returned XML ferry cannot read: " + e.getMessage());
    }
  }

  /** The direct children of an element with the given local name. */
  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && name.equals(localName(element))) {
        found.add(element);
      }
    }
    return found;
  }

  /** The first element along a path of child names, or null. */
  static Element child(Element parent, String... path) {
    Element at = parent;
    for (String name : path) {
      List<Element> next = children(at, name);
      if (next.isEmpty()) {
        return null;
      }
      at = next.get(0);
    }
    return at;
  }

  /** The trimmed text of the element at the path, or null. */
  static String text(Element parent, String... path) {
    Element found = child(parent, path);
    return found == null ? null : found.getTextContent().trim();
  }

  /** An attribute's value, or null when absent or empty. */
  static String attr(Element element, String name) {
    if (element == null || !element.hasAttribute(name)) {
      return null;
    }
    String value = element.getAttribute(name);
    return value.isEmpty() ? null : value;
  }

  /** Escapes text for an XML attribute or element. */
  static String escape(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  private static String localName(Element element) {
    return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
  }
}
