package dev.ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, read from the sources: the client is a library both faces share, so it knows
 * neither face, no command-line parser, no HTTP server, no hypervisor and no worker, and it prints
 * nothing; the HTTP face never reaches into the CLI's.
 */
class LayoutBoundaryTest {
  // Tests run with the client module as working directory; ".." is the project root.
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern CLIENT_FORBIDDEN =
      imports(
          "picocli",
          "com.sun.net.httpserver",
          "org.libvirt",
          "com.sun.jna",
          "dev.ferry.cli",
          "dev.ferry.api",
          "dev.ferry.config",
          "dev.ferry.hypervisor",
          "dev.ferry.activities",
          "dev.ferry.worker");
  private static final Pattern PRINTS =
      Pattern.compile("System\\s*\\.\\s*(out|err)\\b|printStackTrace\\s*\\(");
  private static final Pattern API_FORBIDDEN = imports("dev.ferry.cli");

  @Test
  void clientImportsNeitherFaceNorParserNorServerNorHypervisor() throws IOException {
    assertEquals(List.of(), offenders("client/src", CLIENT_FORBIDDEN));
  }

  @Test
  void clientWritesNothingToStdoutOrStderr() throws IOException {
    assertEquals(List.of(), offenders("client/src/main", PRINTS));
  }

  @Test
  void apiNeverImportsTheCli() throws IOException {
    assertEquals(List.of(), offenders("starter/src/main/java/dev/ferry/api", API_FORBIDDEN));
  }

  @Test
  void theRulesCatchWhatTheyForbid() {
    assertTrue(CLIENT_FORBIDDEN.matcher("import picocli.CommandLine;").find());
    assertTrue(CLIENT_FORBIDDEN.matcher("import static com.sun.net.httpserver.X.y;").find());
    assertTrue(CLIENT_FORBIDDEN.matcher("import dev.ferry.cli.Output;").find());
    assertTrue(PRINTS.matcher("System.err.println(x);").find());
    assertTrue(API_FORBIDDEN.matcher("import dev.ferry.cli.ExitCode;").find());
    assertTrue(!CLIENT_FORBIDDEN.matcher("import dev.ferry.client.FerryClient;").find());
    assertTrue(!API_FORBIDDEN.matcher("import dev.ferry.client.Output;").find());
  }

  private static Pattern imports(String... prefixes) {
    return Pattern.compile(
        "^\\s*import\\s+(static\\s+)?("
            + String.join("|", Stream.of(prefixes).map(Pattern::quote).toList())
            + ")\\.",
        Pattern.MULTILINE);
  }

  /** The files under {@code dir} matching {@code rule}, each with the first line that does. */
  private static List<String> offenders(String dir, Pattern rule) throws IOException {
    Path base = ROOT.resolve(dir);
    assertTrue(Files.isDirectory(base), "no " + base + ": wrong root?");
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        if (file.endsWith("LayoutBoundaryTest.java")) {
          continue;
        }
        scanned++;
        Matcher found = rule.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (found.find()) {
          offenders.add(ROOT.relativize(file) + ": " + found.group().strip());
        }
      }
    }
    assertTrue(scanned > 0, "scanned no sources under " + base);
    return offenders;
  }
}
