package dev.ferry.cli;

import dev.ferry.convergence.StepTaken;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationStats;
import dev.ferry.migration.PhaseTiming;
import java.util.Locale;

/** A migration's outcome as text for people: what {@code ferry migrate} prints without --json. */
final class OutcomeText {
  private OutcomeText() {}

  /** The outcome as text for people. */
  static String of(MigrationOutcome o) {
    StringBuilder text = new StringBuilder();
    text.append(o.refused() ? "REFUSED (nothing changed)" : o.outcome().name());
    text.append(": ").append(o.vm()).append(' ');
    if (o.source() != null) {
      text.append(o.source()).append(" -> ");
    }
    text.append(o.destination());
    if (!o.reason().isEmpty()) {
      text.append("\n  reason: ").append(o.reason());
    }
    for (PhaseTiming t : o.phases()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%n  %-8s %6d ms  %s",
              t.name().name().toLowerCase(Locale.ROOT),
              Math.max(0, t.endMillis() - t.startMillis()),
              t.result()));
    }
    MigrationStats s = o.stats();
    if (s != null && !s.reattached()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%n  transfer %d ms, downtime %d ms, %s sent of %s, %d iterations",
              s.totalMillis(),
              s.downtimeMillis(),
              Output.bytes(s.dataTransferredBytes()),
              Output.bytes(s.dataTotalBytes()),
              s.memoryIterations()));
    }
    for (StepTaken step : o.steps()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%n  convergence: %s after %d ms (%s), max downtime %d ms%s",
              step.action().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              step.elapsedMillis(),
              step.trigger(),
              step.maxDowntimeMs(),
              step.result().isEmpty() ? "" : "; not applied: " + step.result()));
    }
    for (String c : o.compensations()) {
      text.append("\n  undo: ").append(c);
    }
    return text.toString();
  }
}
