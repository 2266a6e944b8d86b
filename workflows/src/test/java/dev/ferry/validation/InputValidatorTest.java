package dev.ferry.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile names and URIs are refused naming the rule they break; plain ones pass. */
class InputValidatorTest {

  /** Values crafted to escape a shell command, a file path or libvirt XML. */
  static Stream<Arguments> hostileNames() {
    return Stream.of(
        Arguments.of("single quote", "web1'; virsh destroy db1; '", "quote (')"),
        Arguments.of("double quote", "web\"1", "quote (\")"),
        Arguments.of("backtick", "web`id`", "quote (`)"),
        Arguments.of("parent directory", "..", "'..'"),
        Arguments.of("dots inside", "a..b", "'..'"),
        Arguments.of("path", "images/../../etc", "'..'"),
        Arguments.of("slash", "images/web1", "other than letters"),
        Arguments.of("newline", "web1\nINFO forged log line", "control character (\\n)"),
        Arguments.of("carriage return", "web1\r", "control character (\\r)"),
        Arguments.of("NUL", "web1\u0000", "control character (\\u0000)"),
        Arguments.of("escape sequence", "web1\u001b[2J", "control character (\\u001b)"),
        Arguments.of("XML tag", "web1</name><devices>", "XML metacharacter (<)"),
        Arguments.of("XML entity", "web1&amp;", "XML metacharacter (&)"),
        Arguments.of("space", "web 1", "white space"),
        Arguments.of("non-breaking space", "web\u00a01", "white space"),
        Arguments.of("shell substitution", "web$(id)", "other than letters"),
        Arguments.of("leading dash", "--help", "must start with a letter"),
        Arguments.of("accented letter", "wéb1", "other than letters"),
        Arguments.of("65 characters", "a".repeat(65), "too long (65 characters"),
        Arguments.of("a megabyte", "a".repeat(1 << 20), "too long (1048576 characters"),
        Arguments.of("empty", "", "missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileNames")
  void refusesHostileNameNamingTheRule(String label, String value, String rule) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> InputValidator.requireName("destination", "host name", value));

    assertEquals("destination", e.field());
    assertTrue(e.getMessage().contains(rule), e.getMessage());
    assertTrue(e.getMessage().startsWith("host name "), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileNames")
  void messageCannotForgeOrFloodALogLine(String label, String value, String rule) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> InputValidator.requireName("vm", "VM name", value));

    assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), e.getMessage());
    assertTrue(e.getMessage().length() < 400, "message length " + e.getMessage().length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "web1",
        "a",
        "db-1.prod_2+x",
        "A1234567890123456789012345678901234567890123456789012345678901"
      })
  void acceptsPlainNames(String value) {
    assertDoesNotThrow(() -> InputValidator.requireName("vm", "VM name", value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileNames")
  void nameProblemIsTheRuleRequireNameRefuses(String label, String value, String rule) {
    String problem = InputValidator.nameProblem(value).orElseThrow();

    assertTrue(problem.contains(rule), problem);
    assertTrue(
        assertThrows(
                InvalidInputException.class,
                () -> InputValidator.requireName("vm", "VM name", value))
            .getMessage()
            .contains(problem));
  }

  @ParameterizedTest
  @ValueSource(strings = {"web1", "db-1.prod_2+x"})
  void nameProblemIsEmptyForPlainNames(String value) {
    assertTrue(InputValidator.nameProblem(value).isEmpty());
  }

  static Stream<Arguments> hostileUris() {
    return Stream.of(
        Arguments.of("http scheme", "http://host", "not of that form"),
        Arguments.of("shell quote", "tcp://h';rm -rf /", "quote"),
        Arguments.of("user and password", "tcp://root:pw@host", "not of that form"),
        Arguments.of("path climbing out", "unix:///run/../../etc/passwd", "'..'"),
        Arguments.of("newline", "tcp://host\nX-Injected: 1", "control character (\\n)"),
        Arguments.of("XML", "tcp://host/<uri>", "XML metacharacter (<)"),
        Arguments.of("huge", "tcp://" + "h".repeat(10_000), "too long (10006 characters"),
        Arguments.of("empty", "", "missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileUris")
  void refusesHostileUriNamingTheRule(String label, String value, String rule) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> InputValidator.requireMigrationUri("migrationUri", value));

    assertEquals("migrationUri", e.field());
    assertTrue(e.getMessage().contains(rule), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tcp://10.0.0.2",
        "tcp://kvm-2.example:49152",
        "rdma://[fe80::1]:4444",
        "unix:///run/ferry/migrate.sock"
      })
  void acceptsPlainUris(String value) {
    assertDoesNotThrow(() -> InputValidator.requireMigrationUri("migrationUri", value));
  }

  @ParameterizedTest
  @ValueSource(ints = {81, 1_000_000})
  void showsLongValuesCutWithTheirLength(int length) {
    String shown = InputValidator.shown("x".repeat(length));

    assertTrue(shown.endsWith("... (" + length + " characters)"), shown);
    assertTrue(shown.length() < 120, shown);
  }
}
