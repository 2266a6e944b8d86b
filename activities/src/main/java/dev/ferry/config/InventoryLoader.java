package dev.ferry.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.options.MigrationOptions;
import dev.ferry.validation.InputValidator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads and validates an inventory file. Unknown fields are errors: a typo must not go unseen. */
public final class InventoryLoader {
  private static final Set<String> SCHEMES =
      Set.of("sim", "qemu", "qemu+tcp", "qemu+ssh", "qemu+tls", "qemu+unix", "qemu+libssh2");
  private static final Set<String> VM_STATES = Set.of("running", "paused", "shut-off");
  private static final Set<String> PHASES =
      Set.of("check", "prepare", "perform", "finish", "confirm");
  private static final Set<String> FAULT_ACTIONS = Set.of("fail", "fail-permanent", "hang");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private InventoryLoader() {}

  /** Loads the inventory from a file. */
  public static Inventory load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new InventoryException(
          "inventory file "
              + file
              + " does not exist: set FERRY_CONFIG or --config to your inventory (see"
              + " examples/sim.yaml)");
    } catch (IOException e) {
      throw new InventoryException("cannot read inventory " + file + ": " + e.getMessage(), e);
    }
  }

  /** Loads an inventory shipped inside the jar, for the demo. */
  public static Inventory loadResource(String resource) {
    try (InputStream in = InventoryLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InventoryException("inventory resource " + resource + " is missing from the jar");
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new InventoryException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  static Inventory parse(InputStream in, String origin) throws IOException {
    Inventory inventory;
    try {
      inventory = YAML.readValue(in, Inventory.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InventoryException(
          "inventory "
              + origin
              + ": unknown field '"
              + e.getPropertyName()
              + "' at "
              + e.getPathReference()
              + "; known fields: "
              + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      throw new InventoryException("inventory " + origin + ": " + e.getOriginalMessage(), e);
    }
    if (inventory == null) {
      throw new InventoryException("inventory " + origin + " is empty: it needs a 'hosts' list");
    }
    validate(inventory, origin);
    return inventory;
  }

  static void validate(Inventory inventory, String origin) {
    if (inventory.hosts().isEmpty()) {
      throw new InventoryException("inventory " + origin + " has no hosts");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < inventory.hosts().size(); i++) {
      HostConfig host = inventory.hosts().get(i);
      String where = "inventory " + origin + ": hosts[" + i + "]";
      requireName(where + ".name", host.name());
      if (!names.add(host.name())) {
        throw new InventoryException(where + ".name '" + host.name() + "' appears twice");
      }
      requireUri(where + ".uri", host.uri());
      for (int j = 0; j < host.sharedStorage().size(); j++) {
        requireDirectory(where + ".sharedStorage[" + j + "]", host.sharedStorage().get(j));
      }
      if (host.sim() != null && !host.simulated()) {
        throw new InventoryException(where + ": 'sim' settings apply only to sim:// hosts");
      }
    }
    Set<String> vms = new HashSet<>();
    for (int i = 0; i < inventory.vms().size(); i++) {
      SimVmConfig vm = inventory.vms().get(i);
      String where = "inventory " + origin + ": vms[" + i + "]";
      requireGuestName(where + ".name", vm.name());
      if (!vms.add(vm.name())) {
        throw new InventoryException(where + ".name '" + vm.name() + "' appears twice");
      }
      HostConfig host =
          inventory
              .host(vm.host())
              .orElseThrow(
                  () ->
                      new InventoryException(
                          where + ".host '" + vm.host() + "' is not in hosts " + names));
      if (!host.simulated()) {
        throw new InventoryException(
            where
                + ".host '"
                + vm.host()
                + "' is not a sim:// host: real hosts list their own VMs");
      }
      requireOneOf(where + ".state", vm.state(), VM_STATES);
      if (vm.memoryMiB() < 1 || vm.dirtyMiBps() < 0 || vm.workingSetMiB() < 0) {
        throw new InventoryException(
            where + ": memoryMiB must be > 0, dirtyMiBps and workingSetMiB >= 0");
      }
    }
    for (int i = 0; i < inventory.sim().faults().size(); i++) {
      SimSettings.SimFaultConfig fault = inventory.sim().faults().get(i);
      String where = "inventory " + origin + ": sim.faults[" + i + "]";
      requireOneOf(where + ".phase", fault.phase(), PHASES);
      requireOneOf(where + ".action", fault.action(), FAULT_ACTIONS);
    }
    if (inventory.sim().speed() <= 0) {
      throw new InventoryException(
          "inventory " + origin + ": sim.speed must be > 0, got " + inventory.sim().speed());
    }
  }

  private static void requireName(String where, String value) {
    if (value == null || !MigrationOptions.NAME.matcher(value).matches()) {
      throw new InventoryException(
          where
              + " '"
              + value
              + "' is not a valid name: use letters, digits, '.', '_', '+', '-' (at most 64)");
    }
  }

  /**
   * A simulated guest may have any name libvirt allows (white space and long names included), so
   * the sim can hold the guests a real host can, even those ferry cannot migrate: libvirt refuses
   * only an empty name, a {@code /} and a newline; other control characters are refused here too.
   */
  private static void requireGuestName(String where, String value) {
    if (value == null
        || value.isEmpty()
        || value.indexOf('/') >= 0
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new InventoryException(
          where
              + " "
              + InputValidator.shown(value)
              + " is not a name libvirt allows: it must not be empty or contain '/' or control"
              + " characters");
    }
  }

  /** A shared-storage prefix: an absolute directory, not the root, without {@code ..}. */
  private static void requireDirectory(String where, String value) {
    if (value == null
        || !value.startsWith("/")
        || Path.of(value).normalize().getParent() == null
        || Path.of(value).normalize().toString().contains("..")
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new InventoryException(
          where
              + " "
              + InputValidator.shown(value)
              + " is not a directory ferry can compare disk paths with: give an absolute path"
              + " below the root, for example /srv/shared");
    }
  }

  private static void requireUri(String where, String value) {
    if (value == null || value.isBlank()) {
      throw new InventoryException(where + " is missing (for example qemu+tcp://HOST/system)");
    }
    try {
      String scheme = new URI(value).getScheme();
      if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
        throw new InventoryException(
            where + " '" + value + "' has an unsupported scheme; use one of " + SCHEMES);
      }
    } catch (URISyntaxException e) {
      throw new InventoryException(where + " '" + value + "' is not a URI: " + e.getReason(), e);
    }
  }

  private static void requireOneOf(String where, String value, Set<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw new InventoryException(
          where
              + " '"
              + value
              + "' is not one of "
              + List.copyOf(new java.util.TreeSet<>(allowed)));
    }
  }
}
