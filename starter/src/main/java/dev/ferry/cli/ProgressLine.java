package dev.ferry.cli;

import dev.ferry.client.MigrationView;
import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.migration.Phase;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress line on stderr (stdout stays for results): redrawn in place on a terminal,
 * printed as plain lines otherwise (only when the phase changes or progress moves by 10%). The
 * percentage never goes backwards, even when a new pre-copy pass finds more dirty memory.
 */
final class ProgressLine {
  private static final int BAR = 24;

  private final PrintStream out;
  private final boolean terminal;
  private int percent;
  private Phase lastPhase;
  private int lastPrintedPercent = -1;
  private boolean drawn;
  private String lastText;

  ProgressLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  int percent() {
    return percent;
  }

  /** Folds a new sample into the monotonic percentage and draws it. */
  void update(MigrationProgress progress, JobStats heartbeat) {
    if (progress == null) {
      return;
    }
    JobStats live = MigrationView.sample(progress, heartbeat);
    percent = Math.max(percent, MigrationView.percent(progress, live));
    String text = render(progress, live);
    if (terminal) {
      out.print("\r" + text + "\033[K");
      out.flush();
      drawn = true;
    } else if (progress.phase() != lastPhase || percent >= lastPrintedPercent + 10) {
      out.println(text);
      lastPrintedPercent = percent;
    }
    lastPhase = progress.phase();
  }

  /**
   * Draws a line of text of its own (an evacuation's counts): redrawn on a terminal, printed when
   * it changed otherwise.
   */
  void text(String text) {
    if (terminal) {
      out.print("\r" + text + "\033[K");
      out.flush();
      drawn = true;
    } else if (!text.equals(lastText)) {
      out.println(text);
    }
    lastText = text;
  }

  /** Ends the line so the outcome starts on a fresh one. */
  void finish() {
    if (terminal && drawn) {
      out.println();
    }
  }

  private String render(MigrationProgress progress, JobStats live) {
    int filled = percent * BAR / 100;
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%-8s %s %s -> %s [",
            progress.phase(),
            progress.vm(),
            progress.source() == null ? "?" : progress.source(),
            progress.destination()));
    text.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
    text.append(String.format(Locale.ROOT, " %3d%%", percent));
    if (live != null && progress.phase() == Phase.PERFORM) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %s/%s  %s  dirty %s/s  %s/s",
              Output.bytes(live.dataProcessedBytes()),
              Output.bytes(live.dataTotalBytes()),
              live.iteration() == 0 ? "disks" : "pass " + live.iteration(),
              Output.bytes(live.dirtyRateBytesPerSec()),
              Output.bytes(live.transferRateBytesPerSec())));
      Long eta = live.etaSeconds();
      if (eta != null) {
        text.append("  ETA ").append(eta).append('s');
      }
      if (!progress.steps().isEmpty()) {
        var last = progress.steps().get(progress.steps().size() - 1);
        text.append("  step ")
            .append(progress.steps().size())
            .append(": ")
            .append(last.action().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    return text.toString();
  }
}
