package dev.ferry.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one gate for names and URIs that reach a shell, a file path or libvirt XML: VM names, host
 * names, disk targets and migration stream URIs. The CLI and the HTTP API both call it before
 * anything starts, and the workflow's input types call it again so no other path can slip a value
 * past it. A refusal says which rule the value broke and shows the value escaped and shortened, so
 * a newline or a megabyte of input cannot forge or flood a log line.
 */
public final class InputValidator {
  /** The longest name accepted: libvirt allows more, but no sane guest or host name needs it. */
  public static final int MAX_NAME_LENGTH = 64;

  /** The longest migration URI accepted. */
  public static final int MAX_URI_LENGTH = 200;

  /** Names libvirt accepts and that are safe in a shell, a path and XML. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

  private static final Pattern URI =
      Pattern.compile("(tcp|rdma|unix)://[A-Za-z0-9.:\\[\\]/_-]{1,200}");

  /** What a name may be made of, in words. */
  public static final String NAME_RULE =
      "use letters, digits, '.', '_', '+', '-' (at most " + MAX_NAME_LENGTH + ")";

  private static final String URI_RULE =
      "use tcp://HOST[:PORT], rdma://HOST[:PORT] or unix:///PATH";

  /** How much of a refused value a message shows. */
  private static final int SHOWN_LENGTH = 80;

  private InputValidator() {}

  /**
   * Refuses a name (of a VM, a host or a disk) that is missing or could escape its context.
   *
   * @param field the request field, reported to API clients
   * @param what what the name names, for the message: {@code "VM name"}, {@code "host name"}
   * @throws InvalidInputException naming the value and the rule it broke
   */
  public static void requireName(String field, String what, String value) {
    nameProblem(value)
        .ifPresent(
            p -> {
              throw refusal(field, what, value, p, NAME_RULE);
            });
  }

  /**
   * The rule a name breaks, in words ({@code "it contains white space"}), or empty if ferry accepts
   * it. For names ferry finds rather than is given, such as the guests of a host being drained.
   */
  public static Optional<String> nameProblem(String value) {
    Optional<String> problem = commonProblem(value, MAX_NAME_LENGTH);
    if (problem.isEmpty() && !NAME.matcher(value).matches()) {
      problem =
          Optional.of(
              Character.isLetterOrDigit(value.charAt(0))
                  ? "it contains characters other than letters, digits, '.', '_', '+', '-'"
                  : "it must start with a letter or a digit");
    }
    return problem;
  }

  /**
   * Refuses a migration stream URI that is not plain {@code tcp}, {@code rdma} or {@code unix}, or
   * that could escape its context ({@code ..} in a path included).
   *
   * @throws InvalidInputException naming the value and the rule it broke
   */
  public static void requireMigrationUri(String field, String value) {
    Optional<String> problem = commonProblem(value, MAX_URI_LENGTH);
    if (problem.isEmpty() && !URI.matcher(value).matches()) {
      problem = Optional.of("it is not of that form");
    }
    problem.ifPresent(
        p -> {
          throw refusal(field, "migration URI", value, p, URI_RULE);
        });
  }

  /** The first rule a value breaks that every kind of value shares, if any. */
  private static Optional<String> commonProblem(String value, int maxLength) {
    if (value == null || value.isEmpty()) {
      return Optional.of("it is missing");
    }
    if (value.length() > maxLength) {
      return Optional.of(
          "it is too long (" + value.length() + " characters, at most " + maxLength + ")");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of("it contains a control character (" + escape(c) + ")");
      }
      if (c == '\'' || c == '"' || c == '`') {
        return Optional.of("it contains a quote (" + c + ")");
      }
      if (c == '<' || c == '>' || c == '&') {
        return Optional.of("it contains an XML metacharacter (" + c + ")");
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return Optional.of("it contains white space");
      }
    }
    if (value.contains("..")) {
      return Optional.of("it contains '..'");
    }
    return Optional.empty();
  }

  private static InvalidInputException refusal(
      String field, String what, String value, String problem, String rule) {
    return new InvalidInputException(
        field, what + " " + shown(value) + " is not valid: " + problem + "; " + rule);
  }

  /**
   * A value as a message may show it: quoted, control characters escaped, cut after {@value
   * #SHOWN_LENGTH} characters.
   */
  public static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    StringBuilder shown = new StringBuilder("'");
    int end = Math.min(value.length(), SHOWN_LENGTH);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      shown.append(Character.isISOControl(c) ? escape(c) : String.valueOf(c));
    }
    shown.append('\'');
    if (value.length() > SHOWN_LENGTH) {
      shown.append("... (").append(value.length()).append(" characters)");
    }
    return shown.toString();
  }

  private static String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
    };
  }
}
