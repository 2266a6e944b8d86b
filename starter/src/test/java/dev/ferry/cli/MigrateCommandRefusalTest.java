package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad requests are refused with exit code 2 and a message naming the bad value, before any
 * connection to Temporal is attempted (the address below has no server: reaching it would fail with
 * exit code 1 instead).
 */
class MigrateCommandRefusalTest {
  private static final String EXAMPLES = FerryProcess.ROOT.resolve("examples/sim.yaml").toString();
  private static final String NO_SERVER = "127.0.0.1:1";

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(
            "offline with post-copy", new String[] {"--offline", "--postcopy"}, "post-copy"),
        Arguments.of(
            "live and offline", new String[] {"--live", "--offline"}, "--live and --offline"),
        Arguments.of(
            "tunnelled with parallel", new String[] {"--tunnelled", "--parallel", "4"}, "parallel"),
        Arguments.of(
            "tunnelled without p2p", new String[] {"--tunnelled", "--no-p2p"}, "peer-to-peer"),
        Arguments.of(
            "tunnelled with copied disks",
            new String[] {"--tunnelled", "--storage-copy", "all"},
            "drop --tunnelled or --storage-copy all"),
        Arguments.of(
            "tunnelled with post-copy",
            new String[] {"--tunnelled", "--postcopy"},
            "drop --tunnelled or --postcopy"),
        Arguments.of(
            "paused with post-copy",
            new String[] {"--paused", "--postcopy"},
            "drop --paused or --postcopy"),
        Arguments.of("zstd without parallel", new String[] {"--compression", "zstd"}, "parallel"),
        Arguments.of(
            "zero bandwidth", new String[] {"--bandwidth", "0"}, "bandwidth out of range: 0"),
        Arguments.of(
            "unknown convergence policy",
            new String[] {"--convergence", "fastest"},
            "unknown convergence policy 'fastest': use one of default, minimal-downtime,"
                + " allow-postcopy, suspend-if-needed"),
        Arguments.of(
            "one parallel connection", new String[] {"--parallel", "1"}, "out of range: 1"),
        Arguments.of("bad rename", new String[] {"--rename", "a b"}, "'a b'"),
        Arguments.of("bad uri", new String[] {"--uri", "http://x"}, "'http://x'"),
        Arguments.of("unknown destination", new String[] {"--to", "nowhere"}, "'nowhere'"),
        Arguments.of("unknown source", new String[] {"--from", "elsewhere"}, "'elsewhere'"),
        Arguments.of("unknown storage copy", new String[] {"--storage-copy", "some"}, "some"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesBeforeContactingTemporal(String name, String[] extra, String mentioned) {
    String[] base = {"migrate", "web1", "--config", EXAMPLES, "--address", NO_SERVER};
    boolean namesDestination = Stream.of(extra).anyMatch("--to"::equals);
    String[] to = namesDestination ? new String[0] : new String[] {"--to", "sim-b"};
    String[] args = Stream.of(base, to, extra).flatMap(Stream::of).toArray(String[]::new);

    Run run = execute(args);

    assertEquals(ExitCode.REFUSED, run.exitCode, run.err);
    assertTrue(run.err.contains(mentioned), "message should mention " + mentioned + ": " + run.err);
  }

  /** Values aimed at a shell, a path or libvirt XML, in every argument that reaches one. */
  static Stream<Arguments> hostileArguments() {
    String huge = "a".repeat(100_000);
    return Stream.of(
        Arguments.of("quote in VM", new String[] {"web1'; reboot; '"}, "quote (')"),
        Arguments.of("newline in VM", new String[] {"web1\nforged"}, "'web1\\nforged'"),
        Arguments.of("huge VM", new String[] {huge}, "too long (100000 characters"),
        Arguments.of("XML in destination", new String[] {"web1", "--to", "sim-b<x/>"}, "(<)"),
        Arguments.of("dots in source", new String[] {"web1", "--from", "a..b"}, "'..'"),
        Arguments.of("path as new name", new String[] {"web1", "--rename", "../x"}, "'..'"),
        Arguments.of("entity in disk", new String[] {"web1", "--disk", "vda&x"}, "(&)"),
        Arguments.of("climbing URI", new String[] {"web1", "--uri", "unix:///run/../etc"}, "'..'"),
        Arguments.of(
            "control character in URI",
            new String[] {"web1", "--uri", "tcp://h\u001b[2J"},
            "\\u001b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileArguments")
  void refusesHostileValuesBeforeContactingTemporal(
      String name, String[] vmAndOptions, String mentioned) {
    String[] base = {"migrate", "--config", EXAMPLES, "--address", NO_SERVER};
    boolean namesDestination = Stream.of(vmAndOptions).anyMatch("--to"::equals);
    String[] to = namesDestination ? new String[0] : new String[] {"--to", "sim-b"};
    String[] args = Stream.of(base, vmAndOptions, to).flatMap(Stream::of).toArray(String[]::new);

    Run run = execute(args);

    assertEquals(ExitCode.REFUSED, run.exitCode, run.err);
    assertTrue(run.err.contains(mentioned), "message should mention " + mentioned + ": " + run.err);
    assertEquals(1, run.err.lines().count(), "one line, nothing forged: " + run.err);
    assertTrue(run.err.length() < 400, "a bounded message: " + run.err.length());
  }

  @Test
  void refusesMalformedInventoryNamingTheField(@TempDir Path dir) throws IOException {
    Path inventory = dir.resolve("bad.yaml");
    Files.writeString(inventory, "hosts:\n  - name: a\n    uri: sim://a\n    colour: blue\n");

    Run run =
        execute(
            "migrate",
            "web1",
            "--to",
            "a",
            "--config",
            inventory.toString(),
            "--address",
            NO_SERVER);

    assertEquals(ExitCode.REFUSED, run.exitCode, run.err);
    assertTrue(run.err.contains("colour"), run.err);
  }

  @Test
  void missingNamedInventoryIsRefused(@TempDir Path dir) {
    Run run =
        execute(
            "migrate",
            "web1",
            "--to",
            "sim-b",
            "--config",
            dir.resolve("absent.yaml").toString(),
            "--address",
            NO_SERVER);

    assertEquals(ExitCode.REFUSED, run.exitCode, run.err);
    assertTrue(run.err.contains("does not exist"), run.err);
  }

  @Test
  void unreachableTemporalIsAnErrorNamingTheAddress() {
    Run run =
        execute("migrate", "web1", "--to", "sim-b", "--config", EXAMPLES, "--address", NO_SERVER);

    assertEquals(ExitCode.ERROR, run.exitCode, run.err);
    assertTrue(run.err.contains(NO_SERVER), run.err);
  }

  private record Run(int exitCode, String err) {}

  private static Run execute(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Ferry.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, err.toString());
  }
}
