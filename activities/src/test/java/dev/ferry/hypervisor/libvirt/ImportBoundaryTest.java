package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only the libvirt driver's package may import libvirt-java or JNA, in any module. */
class ImportBoundaryTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "^\\s*import\\s+(static\\s+)?(org\\.libvirt|com\\.sun\\.jna)\\.", Pattern.MULTILINE);
  private static final String ALLOWED = "package dev.ferry.hypervisor.libvirt;";

  @Test
  void onlyTheLibvirtPackageImportsLibvirtOrJna() throws IOException {
    // Tests run with the activities module as working directory; ".." is the project root.
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(root.resolve("pom.xml")), "project root not found at " + root);
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(ImportBoundaryTest::isSource)::iterator) {
        scanned++;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (FORBIDDEN.matcher(text).find() && !text.contains(ALLOWED)) {
          offenders.add(root.relativize(file).toString());
        }
      }
    }
    assertTrue(scanned > 50, "scanned too few files (" + scanned + "): wrong root?");
    assertEquals(List.of(), offenders);
  }

  private static boolean isSource(Path file) {
    String path = file.toString().replace('\\', '/');
    return path.endsWith(".java") && path.contains("/src/") && !path.contains("/target/");
  }
}
