package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry serve} refuses to expose the API without a token, before contacting Temporal (the
 * address below has no server: reaching it would exit 1 instead).
 */
class ServeCommandRefusalTest {
  private static final String NO_SERVER = "127.0.0.1:1";

  @Test
  void refusesToListenBeyondLoopbackWithoutAToken() {
    assumeTrue(System.getenv(ServeCommand.TOKEN_ENV) == null, "a token is set in the environment");

    Run run = execute("serve", "--listen", "0.0.0.0:0", "--address", NO_SERVER);

    assertEquals(ExitCode.REFUSED, run.exitCode, run.err);
    assertTrue(run.err.contains("without an API token"), run.err);
  }

  @Test
  void refusesAnEmptyTokenFileWithoutShowingIt(@TempDir Path dir) throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, "  \n");

    Run run =
        execute(
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--token-file",
            token.toString(),
            "--address",
            NO_SERVER);

    assertEquals(ExitCode.REFUSED, run.exitCode, run.err);
    assertTrue(run.err.contains("is empty"), run.err);
  }

  @Test
  void aTokenFileIsReadButNeverPrinted(@TempDir Path dir) throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, "do-not-print-me\n");

    Run run =
        execute(
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--token-file",
            token.toString(),
            "--address",
            NO_SERVER);

    // With a token the address is fine; the unreachable Temporal is what stops it.
    assertEquals(ExitCode.ERROR, run.exitCode, run.err);
    assertTrue(run.err.contains(NO_SERVER), run.err);
    assertFalse(run.err.contains("do-not-print-me"), run.err);
  }

  private record Run(int exitCode, String err) {}

  private static Run execute(String... args) {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = Ferry.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), err.toString());
  }
}
