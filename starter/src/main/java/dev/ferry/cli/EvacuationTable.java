package dev.ferry.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ferry evacuation list} as text. */
final class EvacuationTable {
  private EvacuationTable() {}

  /** The rows as {@code ferry evacuation list} prints them: one line each, under a header. */
  static String of(List<Map<String, Object>> rows) {
    String format = "%-40s %-10s %-10s %-16s %-9s %s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, format, "WORKFLOW", "STATUS", "PHASE", "HOSTS", "MIGRATED", "STARTED"));
    for (Map<String, Object> row : rows) {
      Object hosts = row.get("hosts");
      out.append(
          String.format(
              Locale.ROOT,
              format,
              row.get("workflowId"),
              row.get("status"),
              row.get("phase"),
              hosts instanceof List<?> names ? joined(names) : "?",
              row.containsKey("vms") ? row.get("migrated") + "/" + row.get("vms") : "?",
              row.get("started")));
    }
    return out.toString();
  }

  private static String joined(List<?> names) {
    return String.join(",", names.stream().map(String::valueOf).toList());
  }
}
