package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.evacuation.EvacuationPhase;
import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.VmReport;
import dev.ferry.evacuation.VmState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exit codes of {@code ferry evacuate --wait}, as the README states them. */
class EvacuationViewTest {
  private static final String WIN10_REASON =
      "ferry cannot migrate it: its name 'Win 10' is refused, it contains white space; rename the"
          + " domain: use letters, digits, '.', '_', '+', '-' (at most 64)";

  private static VmReport report(String vm, VmState state, String reason) {
    return new VmReport(vm, "lab-1", state, null, 0, reason, 1024, 0, List.of());
  }

  private static EvacuationProgress done(VmReport... vms) {
    Map<VmState, Integer> counts = new EnumMap<>(VmState.class);
    for (VmReport vm : vms) {
      counts.merge(vm.state(), 1, Integer::sum);
    }
    return new EvacuationProgress(
        "evac",
        EvacuationPhase.DONE,
        List.of("lab-1"),
        counts,
        List.of(vms),
        0,
        0,
        0,
        0L,
        null,
        null,
        "",
        1);
  }

  @Test
  void everyGuestMigratedExitsZero() {
    assertEquals(0, EvacuationView.exitCode(done(report("web", VmState.MIGRATED, ""))));
  }

  @Test
  void guestThatCannotMoveStaysWhereItWasAndExitsThree() {
    EvacuationProgress report =
        done(
            report("web", VmState.MIGRATED, ""),
            report("Win 10", VmState.CANNOT_MOVE, WIN10_REASON));

    assertEquals(3, EvacuationView.exitCode(report));
    String table = EvacuationView.table(report);
    assertTrue(table.contains("1/2 migrated"), table);
    assertTrue(table.contains("1 not moved"), table);
    assertTrue(table.contains("CANNOT_MOVE"), table);
    assertTrue(table.contains(WIN10_REASON), table);
  }

  @Test
  void anyGuestNeedingAttentionExitsFour() {
    EvacuationProgress report =
        done(
            report("Win 10", VmState.CANNOT_MOVE, WIN10_REASON),
            report("db", VmState.NEEDS_ATTENTION, "running on both"));

    assertEquals(4, EvacuationView.exitCode(report));
  }
}
