package dev.ferry.cli;

import dev.ferry.evacuation.EvacuationPhase;
import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.VmReport;
import dev.ferry.evacuation.VmState;
import java.util.Locale;

/** An evacuation's progress for people: one line while it runs, a table at the end. */
final class EvacuationView {
  private EvacuationView() {}

  /** Exit code of a finished evacuation: 0 all moved, 4 any needs attention, 3 otherwise. */
  static int exitCode(EvacuationProgress report) {
    if (report.count(VmState.NEEDS_ATTENTION) > 0) {
      return ExitCode.NEEDS_ATTENTION;
    }
    return report.vms().stream().allMatch(v -> v.state() == VmState.MIGRATED)
        ? ExitCode.OK
        : ExitCode.ROLLED_BACK;
  }

  static String line(EvacuationProgress p) {
    return String.format(
        Locale.ROOT,
        "%s %s: %d/%d migrated, %d migrating, %d pending, %d not moved; %s of %s%s",
        p.batchId(),
        p.phase(),
        p.count(VmState.MIGRATED),
        p.vms().size(),
        p.count(VmState.MIGRATING),
        p.count(VmState.PENDING),
        p.vms().size()
            - p.count(VmState.MIGRATED)
            - p.count(VmState.MIGRATING)
            - p.count(VmState.PENDING),
        Output.bytes(p.bytesMoved()),
        Output.bytes(p.bytesTotal()),
        p.etaSeconds() == null || p.phase() == EvacuationPhase.DONE
            ? ""
            : ", ETA " + p.etaSeconds() + " s");
  }

  static String table(EvacuationProgress p) {
    StringBuilder out = new StringBuilder(line(p)).append('\n');
    if (!p.stopReason().isEmpty()) {
      out.append("stopped: ").append(p.stopReason()).append('\n');
    }
    out.append(
        String.format(
            Locale.ROOT, "%-24s %-10s %-14s %-12s %s%n", "VM", "FROM", "STATE", "TO", "REASON"));
    for (VmReport vm : p.vms()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-24s %-10s %-14s %-12s %s%n",
              vm.vm(),
              vm.source(),
              vm.state(),
              vm.destination() == null ? "-" : vm.destination(),
              vm.reason()));
    }
    return out.toString().stripTrailing();
  }
}
