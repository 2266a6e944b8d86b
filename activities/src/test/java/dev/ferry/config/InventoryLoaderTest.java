package dev.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Simulated guests take the names libvirt allows; hosts keep ferry's own rule. */
class InventoryLoaderTest {
  private static Inventory parse(String yaml) throws IOException {
    return InventoryLoader.parse(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static String withGuest(String name) {
    return "hosts:\n  - {name: sim-a, uri: 'sim://sim-a'}\nvms:\n  - {name: \""
        + name
        + "\", host: sim-a}\n";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Win 10",
        "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
        "web1"
      })
  void simulatedGuestMayHaveAnyNameLibvirtAllows(String name) throws IOException {
    assertEquals(name, parse(withGuest(name)).vms().get(0).name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "web\\n1"})
  void simulatedGuestNameLibvirtRefusesIsRefused(String name) {
    InventoryException e = assertThrows(InventoryException.class, () -> parse(withGuest(name)));

    assertTrue(e.getMessage().contains("vms[0].name"), e.getMessage());
    assertTrue(e.getMessage().contains("not a name libvirt allows"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim a", "a/b"})
  void hostNamesKeepFerrysRule(String name) {
    InventoryException e =
        assertThrows(
            InventoryException.class,
            () -> parse("hosts:\n  - {name: \"" + name + "\", uri: 'sim://x'}\n"));

    assertTrue(e.getMessage().contains("hosts[0].name"), e.getMessage());
  }
}
