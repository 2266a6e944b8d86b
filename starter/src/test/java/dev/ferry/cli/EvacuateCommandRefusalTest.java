package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad evacuations, windows and maintenance requests are refused with exit code 2 and a message
 * naming the bad value, before Temporal is contacted (the address has no server: reaching it would
 * exit 1 instead), so nothing starts.
 */
class EvacuateCommandRefusalTest {
  private static final String EXAMPLES = FerryProcess.ROOT.resolve("examples/sim.yaml").toString();
  private static final String NO_SERVER = "127.0.0.1:1";

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of(
            new String[] {"evacuate", "nowhere"}, "host 'nowhere' is not in the inventory"),
        Arguments.of(new String[] {"evacuate", "sim-a", "--to", "elsewhere"}, "'elsewhere'"),
        Arguments.of(
            new String[] {"evacuate", "sim-a", "--to", "sim-a"},
            "both evacuated and a destination"),
        Arguments.of(
            new String[] {"evacuate", "sim-a", "--max-parallel", "0"},
            "maxParallel must be at least 1, got 0"),
        Arguments.of(new String[] {"evacuate", "sim-a", "--max-per-source", "-1"}, "got -1"),
        Arguments.of(new String[] {"evacuate", "sim-a", "--bandwidth", "0"}, "got 0"),
        Arguments.of(
            new String[] {"evacuate", "sim-a", "--deadline", "soon"},
            "cannot read 'soon' as a time"),
        Arguments.of(
            new String[] {"evacuate", "sim-a", "--deadline", "2001-01-01T00:00:00Z"},
            "has already passed"),
        Arguments.of(new String[] {"evacuate", "sim-a", "--anti-affinity", "web1,a b"}, "'a b'"),
        Arguments.of(new String[] {"evacuate", "sim-a", "--id", "x/../y"}, "'x/../y'"),
        Arguments.of(
            new String[] {"evacuation", "list", "--limit", "0"},
            "--limit must be at least 1, got 0"),
        Arguments.of(
            new String[] {"window", "create", "--hosts", "sim-a", "--start", "+2h", "--end", "+1h"},
            "is not after --start"),
        Arguments.of(
            new String[] {
              "window", "create", "--hosts", "nowhere", "--start", "+1h", "--end", "+2h"
            },
            "'nowhere'"),
        Arguments.of(
            new String[] {
              "window",
              "create",
              "--hosts",
              "sim-a",
              "--start",
              "+1h",
              "--end",
              "+2h",
              "--on-end",
              "later"
            },
            "later"),
        Arguments.of(new String[] {"host", "maintenance", "on", "nowhere"}, "'nowhere'"),
        Arguments.of(new String[] {"host", "maintenance", "maybe", "sim-a"}, "maybe"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesBeforeContactingTemporal(String[] args, String mentioned) {
    String[] all =
        Stream.concat(Stream.of(args), Stream.of("--config", EXAMPLES, "--address", NO_SERVER))
            .toArray(String[]::new);
    StringWriter err = new StringWriter();
    CommandLine cli = Ferry.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute(all);

    assertEquals(ExitCode.REFUSED, code, err.toString());
    assertTrue(err.toString().contains(mentioned), "should mention " + mentioned + ": " + err);
  }
}
