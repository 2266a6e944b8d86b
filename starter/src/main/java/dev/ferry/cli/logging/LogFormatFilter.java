package dev.ferry.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;

/**
 * Lets an appender write only when {@code FERRY_LOG_FORMAT} picked it: logback.xml attaches both
 * the text and the JSON appender, each behind one of these, because an appender it does not
 * reference makes logback print its status report on every command's start.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
  private String format = "text";
  private String chosen = "text";

  /** The format this appender writes: {@code text} or {@code json}. */
  public void setFormat(String format) {
    this.format = format.strip().toLowerCase(Locale.ROOT);
  }

  /** The format asked for; anything but {@code json} means text. */
  public void setChosen(String chosen) {
    String asked = chosen.strip().toLowerCase(Locale.ROOT);
    this.chosen = asked.equals("json") ? "json" : "text";
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return format.equals(chosen) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
