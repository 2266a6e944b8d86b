package dev.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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

  @Test
  void hostsDeclareSharedStoragePrefixes() throws IOException {
    Inventory inventory =
        parse(
            "hosts:\n"
                + "  - name: kvm-1\n"
                + "    uri: qemu+tcp://kvm-1/system\n"
                + "    sharedStorage: [/srv/shared, /var/lib/libvirt/shared/]\n"
                + "  - {name: kvm-2, uri: 'qemu+tcp://kvm-2/system'}\n");

    HostConfig declared = inventory.host("kvm-1").orElseThrow();
    assertEquals(List.of("/srv/shared", "/var/lib/libvirt/shared/"), declared.sharedStorage());
    assertEquals(Optional.of("/srv/shared"), declared.sharedStorageFor("/srv/shared/web.qcow2"));
    assertEquals(
        Optional.of("/var/lib/libvirt/shared/"),
        declared.sharedStorageFor("/var/lib/libvirt/shared/a/b.raw"));
    assertEquals(Optional.empty(), declared.sharedStorageFor("/srv/shared-not/web.qcow2"));
    assertEquals(Optional.empty(), declared.sharedStorageFor("/srv/web.qcow2"));
    assertEquals(List.of(), inventory.host("kvm-2").orElseThrow().sharedStorage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"srv/shared", "/", "''"})
  void sharedStorageMustBeAnAbsoluteDirectoryBelowTheRoot(String prefix) {
    InventoryException e =
        assertThrows(
            InventoryException.class,
            () ->
                parse(
                    "hosts:\n  - {name: kvm-1, uri: 'qemu+tcp://kvm-1/system', sharedStorage: ["
                        + prefix
                        + "]}\n"));

    assertTrue(e.getMessage().contains("hosts[0].sharedStorage[0]"), e.getMessage());
  }

  @Test
  void aMisspelledSharedStorageFieldIsAnErrorNamingIt() {
    InventoryException e =
        assertThrows(
            InventoryException.class,
            () ->
                parse(
                    "hosts:\n  - {name: kvm-1, uri: 'qemu+tcp://kvm-1/system', sharedStorages:"
                        + " [/srv/shared]}\n"));

    assertTrue(e.getMessage().contains("unknown field 'sharedStorages'"), e.getMessage());
    assertTrue(e.getMessage().contains("sharedStorage"), e.getMessage());
  }
}
