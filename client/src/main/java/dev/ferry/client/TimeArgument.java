package dev.ferry.client;

import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times on the command line: an ISO-8601 instant ({@code 2026-12-01T22:00:00Z}), one with an offset
 * ({@code 2026-12-01T23:00:00+01:00}), or a delay from now ({@code +90m}, {@code +2h}, {@code
 * +1h30m}, {@code +45s}). The CLI and the HTTP API read times alike.
 */
public final class TimeArgument {
  private static final Pattern DELAY = Pattern.compile("\\+(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private TimeArgument() {}

  /**
   * Reads a time.
   *
   * @param option the option ({@code --deadline}) or API field ({@code deadline}), named in the
   *     refusal
   * @throws InvalidInputException naming the option and the value it could not read; its field is
   *     the option without its dashes
   */
  public static Instant parse(String option, String value, Instant now) {
    String text = value.strip();
    Matcher delay = DELAY.matcher(text.toLowerCase(Locale.ROOT));
    if (delay.matches() && text.length() > 1) {
      Duration d =
          Duration.ofHours(number(delay.group(1)))
              .plusMinutes(number(delay.group(2)))
              .plusSeconds(number(delay.group(3)));
      return now.plus(d);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            field(option),
            option
                + ": cannot read "
                + InputValidator.shown(value)
                + " as a time: use ISO-8601 like 2026-12-01T22:00:00Z, or a delay like +2h or"
                + " +90m");
      }
    }
  }

  /** Reads a time like {@link #parse}, and refuses one that has already passed. */
  public static Instant future(String option, String value, Instant now) {
    Instant at = parse(option, value, now);
    if (!at.isAfter(now)) {
      throw new InvalidInputException(
          field(option),
          option
              + ": "
              + InputValidator.shown(value)
              + " ("
              + at
              + ") has already passed (now "
              + now
              + ")");
    }
    return at;
  }

  private static String field(String option) {
    return option.startsWith("--") ? option.substring(2) : option;
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
