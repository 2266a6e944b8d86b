package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.Ferry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The CLI and the HTTP API refuse the same request with the same words, the same field and the same
 * failure type: both map operator input and check it through the client. The CLI runs against the
 * API's own inventory and an address with no server, so its refusals come before any connection.
 */
class FacesAgreeTest {
  private static final String NO_SERVER = "127.0.0.1:1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static ApiStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new ApiStack(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("unknown convergence", "\"convergence\": \"fastest\"", "--convergence", "fastest"),
        refusal("zero bandwidth", "\"bandwidthMiBps\": 0", "--bandwidth", "0"),
        refusal("downtime out of range", "\"maxDowntimeMs\": 0", "--max-downtime", "0"),
        refusal("bad disk name", "\"disks\": [\"a b\"]", "--disk", "a b"),
        refusal("bad rename", "\"destinationName\": \"a/b\"", "--rename", "a/b"),
        refusal(
            "tunnelled with copied disks",
            "\"tunnelled\": true, \"storageCopy\": \"all\"",
            "--tunnelled",
            "--storage-copy",
            "all"),
        refusal("unknown source host", "\"source\": \"nowhere\"", "--from", "nowhere"));
  }

  private static Arguments refusal(String name, String apiFields, String... cliFlags) {
    return Arguments.of(name, apiFields, cliFlags);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void bothFacesRefuseAlike(String name, String apiFields, String[] cliFlags) throws Exception {
    ApiStack.Reply api =
        stack.call("POST", "/v1/vms/web1/migrate", "{\"host\": \"sim-b\", " + apiFields + "}");
    assertTrue(api.status() >= 400 && api.status() < 500, name + ": " + api.body());

    List<String> args = new ArrayList<>(List.of("migrate", "web1", "--to", "sim-b"));
    args.addAll(List.of(cliFlags));
    args.addAll(List.of("--json", "--address", NO_SERVER, "--config", stack.inventoryFile()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Ferry.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args.toArray(String[]::new));
    assertEquals(2, code, name + ": " + err);
    JsonNode refusal = JSON.readTree(out.toString());

    assertTrue(refusal.path("refused").asBoolean(), refusal.toString());
    assertEquals(api.error(), refusal.path("error").asText(), name);
    assertEquals(api.field(), text(refusal.path("field")), name);
    assertEquals(text(api.body().path("failureType")), text(refusal.path("failureType")), name);
    assertTrue(err.toString().contains(api.error()), name + ": " + err);
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
