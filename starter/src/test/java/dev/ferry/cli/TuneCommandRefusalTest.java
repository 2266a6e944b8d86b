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
 * A tune that asks for nothing, or for a value out of range, is refused with exit code 2 before
 * Temporal is contacted (nothing answers at the address below).
 */
class TuneCommandRefusalTest {
  static Stream<Arguments> badTunes() {
    return Stream.of(
        Arguments.of(new String[] {}, "nothing to tune"),
        Arguments.of(new String[] {"--max-downtime", "0"}, "max downtime out of range: 0 ms"),
        Arguments.of(
            new String[] {"--bandwidth", "2000000"}, "bandwidth out of range: 2000000 MiB/s"),
        Arguments.of(new String[] {"--bandwidth", "fast"}, "'fast'"));
  }

  @ParameterizedTest
  @MethodSource("badTunes")
  void refusesBeforeContactingTemporal(String[] options, String mentioned) {
    String[] base = {"tune", "web1", "--address", "127.0.0.1:1"};
    String[] args = Stream.of(base, options).flatMap(Stream::of).toArray(String[]::new);
    StringWriter err = new StringWriter();
    CommandLine cli = Ferry.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute(args);

    assertEquals(ExitCode.REFUSED, code, err.toString());
    assertTrue(err.toString().contains(mentioned), "should mention " + mentioned + ": " + err);
  }
}
