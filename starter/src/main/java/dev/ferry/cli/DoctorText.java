package dev.ferry.cli;

import dev.ferry.client.Doctor;
import dev.ferry.client.MigrationFacts;
import dev.ferry.inventory.GuestSighting;
import java.util.Locale;

/** The plain-text form of a {@code ferry doctor} report. */
final class DoctorText {
  private DoctorText() {}

  static String of(Doctor.Report report) {
    StringBuilder text = new StringBuilder();
    text.append("guest ").append(report.vm()).append('\n');
    for (GuestSighting s : report.sightings()) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %-16s %-20s %s%n",
              s.host(),
              s.name(),
              s.reachable() ? describe(s, report.migration()) : "UNREACHABLE: " + s.error()));
    }
    MigrationFacts m = report.migration();
    if (m == null) {
      text.append("no migration workflow\n");
    } else {
      text.append("migration ")
          .append(m.workflowId())
          .append(": ")
          .append(m.status())
          .append(m.phase() != null ? ", phase " + m.phase() : "")
          .append(m.outcome() != null ? ", " + m.outcome() : "")
          .append(m.source() != null ? " (" + m.source() + " -> " + m.destination() + ")" : "")
          .append('\n');
      if (m.reason() != null && !m.reason().isEmpty()) {
        text.append("  reason: ").append(m.reason()).append('\n');
      }
      for (MigrationFacts.PendingStep step : m.pending()) {
        text.append("  waiting on ")
            .append(step.activity())
            .append(", attempt ")
            .append(step.attempt())
            .append(
                step.secondsSinceHeartbeat() >= 0
                    ? ", last heartbeat " + step.secondsSinceHeartbeat() + " s ago"
                    : "")
            .append(step.lastFailure() != null ? ", last failure: " + step.lastFailure() : "")
            .append('\n');
      }
    }
    if (report.situation() != null) {
      text.append("reconcile table: ").append(report.situation()).append('\n');
    }
    text.append(report.verdict()).append(": ").append(report.summary());
    return text.toString();
  }

  private static String describe(GuestSighting s, MigrationFacts migration) {
    String state = s.observation().describe();
    if (migration != null && s.observation().stampedWith(migration.migrationId())) {
      state += ", stamped by " + migration.workflowId();
    }
    return state;
  }
}
