package dev.ferry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Starting the lab for a test class: real hosts or a loud failure, never a silent skip. */
final class LabSupport {
  /** A second name for lab-2 with a small memory limit, to provoke the memory refusal. */
  static final String SMALL_HOST = "lab-2-small";

  private LabSupport() {}

  /**
   * Brings up two lab hosts as {@link #start()} does and returns their inventory alone, as lab/up
   * wrote it: with no host named twice, so that {@code ferry doctor} sees each guest once.
   */
  static Path startWithoutAliases() throws IOException, InterruptedException {
    return startWithoutAliases(2);
  }

  /** Like {@link #startWithoutAliases()}, with {@code hosts} lab hosts. */
  static Path startWithoutAliases(int hosts) throws IOException, InterruptedException {
    start(hosts);
    return Lab.INVENTORY;
  }

  /**
   * Brings up two lab hosts (or more, with {@link #start(int)}) and writes an inventory for them
   * plus {@link #SMALL_HOST}. Lab tests need root; {@code FERRY_SKIP_LAB=1} skips them on purpose
   * (reported as skipped), anything else that keeps the lab from starting fails the tests with the
   * reason.
   */
  static Path start() throws IOException, InterruptedException {
    return start(2);
  }

  /** Like {@link #start()}, with {@code hosts} lab hosts ({@code lab-1} ... {@code lab-N}). */
  static Path start(int hosts) throws IOException, InterruptedException {
    Assumptions.assumeFalse(
        "1".equals(System.getenv("FERRY_SKIP_LAB")),
        "FERRY_SKIP_LAB=1: real-host tests skipped on request");
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new AssertionError(
          "lab tests need root (network namespaces, libvirt daemons): run bin/test as root, or"
              + " set FERRY_SKIP_LAB=1 to skip them knowingly");
    }
    Lab.up(hosts);
    String inventory = Files.readString(Lab.INVENTORY, StandardCharsets.UTF_8);
    inventory +=
        "  - name: "
            + SMALL_HOST
            + "\n    uri: "
            + Lab.uri("lab-2")
            + "\n    migrationAddress: 10.77.0.2\n    memoryLimitMiB: 64\n";
    Path path = FerryProcess.LOGS.resolve("lab-inventory.yaml");
    Files.createDirectories(path.getParent());
    Files.writeString(path, inventory, StandardCharsets.UTF_8);
    return path;
  }
}
