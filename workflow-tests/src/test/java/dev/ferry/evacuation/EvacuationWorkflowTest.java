package dev.ferry.evacuation;

import static dev.ferry.evacuation.EvacuationFleet.labelled;
import static dev.ferry.evacuation.EvacuationFleet.request;
import static dev.ferry.evacuation.EvacuationFleet.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.SimVmConfig;
import dev.ferry.hypervisor.sim.SimFaults.Action;
import dev.ferry.migration.MigrationInspection;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.Phase;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Evacuations end to end under time skipping: real workflows and activities on simulated hosts. */
class EvacuationWorkflowTest {
  private EvacuationFleet fleet;

  @AfterEach
  void close() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void everyGuestIsMigratedOrReportedWithItsReason() {
    List<SimVmConfig> guests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      guests.add(vm("a" + i, "src-a", 512 + 256L * i));
      guests.add(vm("b" + i, "src-b", 1024));
    }
    guests.add(vm("huge", "src-a", 2 * EvacuationFleet.HOST_MEMORY_MIB));
    guests.add(
        new SimVmConfig(
            "gpu",
            "src-b",
            1024L,
            16L,
            "running",
            null,
            null,
            List.of("pci_0000_3b_00_0"),
            null,
            null));
    fleet = new EvacuationFleet(1000, 1192, guests);

    EvacuationProgress report = fleet.stub(request("all", null)).evacuate(request("all", null));

    assertEquals(EvacuationPhase.DONE, report.phase());
    assertEquals(10, report.vms().size(), "every guest accounted for");
    assertEquals(8, report.count(VmState.MIGRATED), report.counts().toString());
    assertEquals(2, report.count(VmState.CANNOT_MOVE), report.counts().toString());
    Map<String, VmReport> byVm = byVm(report);
    assertTrue(
        byVm.get("huge").reason().contains("dst-1: needs 32768 MiB"), byVm.get("huge").reason());
    assertTrue(byVm.get("gpu").reason().contains("pci_0000_3b_00_0"), byVm.get("gpu").reason());
    for (VmReport vm : report.vms()) {
      Map<String, String> where = fleet.cluster.whereIs(vm.vm());
      if (vm.state() == VmState.MIGRATED) {
        assertEquals(Map.of(vm.destination(), "running"), where, vm.vm());
        assertTrue(EvacuationFleet.DESTINATIONS.contains(vm.destination()), vm.toString());
      } else {
        assertEquals(Map.of(vm.source(), "running"), where, vm.vm());
      }
    }
    assertEquals(
        report.bytesTotal() - byVm.get("huge").bytes() - byVm.get("gpu").bytes(),
        report.bytesMoved());
    assertEquals("all", batchIdOf("a0"), "the migration carries the evacuation's batch id");
  }

  /**
   * libvirt allows a guest named with a space or longer than ferry's limit; ferry's migration
   * request does not. The snapshot reports such guests as unable to move, so the others still move
   * and the evacuation ends instead of failing as it builds their requests.
   */
  @Test
  void guestsNamedAsFerryCannotMigrateStayAndTheOthersMove() {
    String longName = "g".repeat(70);
    SimVmConfig spaced =
        new SimVmConfig("Win 10", "src-a", 2048L, 0L, "shut-off", null, null, null, null, null);
    fleet =
        new EvacuationFleet(
            1000,
            1192,
            List.of(
                vm("web", "src-a", 1024),
                vm("db", "src-a", 2048),
                spaced,
                vm(longName, "src-a", 512)));

    EvacuationProgress report = fleet.stub(request("odd", null)).evacuate(request("odd", null));

    assertEquals(EvacuationPhase.DONE, report.phase());
    assertEquals(4, report.vms().size(), "every guest accounted for");
    assertEquals(2, report.count(VmState.MIGRATED), report.counts().toString());
    assertEquals(2, report.count(VmState.CANNOT_MOVE), report.counts().toString());
    assertEquals(0, report.count(VmState.NEEDS_ATTENTION), report.counts().toString());
    assertEquals("", report.stopReason());
    Map<String, VmReport> byVm = byVm(report);
    for (String moved : List.of("web", "db")) {
      VmReport vm = byVm.get(moved);
      assertEquals(VmState.MIGRATED, vm.state(), vm.toString());
      assertEquals(Map.of(vm.destination(), "running"), fleet.cluster.whereIs(moved));
    }
    VmReport win = byVm.get("Win 10");
    assertEquals(VmState.CANNOT_MOVE, win.state(), win.toString());
    assertEquals(
        "ferry cannot migrate it: its name 'Win 10' is refused, it contains white space; rename"
            + " the domain: use letters, digits, '.', '_', '+', '-' (at most 64)",
        win.reason());
    VmReport tooLong = byVm.get(longName);
    assertEquals(VmState.CANNOT_MOVE, tooLong.state(), tooLong.toString());
    assertTrue(
        tooLong.reason().contains("it is too long (70 characters, at most 64)"), tooLong.reason());
    assertTrue(tooLong.reason().contains("rename the domain"), tooLong.reason());
    for (VmReport stayed : List.of(win, tooLong)) {
      assertEquals(0, stayed.attempts(), stayed.toString());
      assertEquals(null, stayed.destination(), stayed.toString());
    }
    assertEquals(Map.of("src-a", "shut_off"), fleet.cluster.whereIs("Win 10"));
    assertEquals(Map.of("src-a", "running"), fleet.cluster.whereIs(longName));
    assertFalse(report.complete(), "a guest stayed where it was");
  }

  @Test
  void limitsPerSourceAndPerDestinationAreNeverExceeded() throws Exception {
    List<SimVmConfig> guests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      guests.add(vm("a" + i, "src-a", 1024));
      guests.add(vm("b" + i, "src-b", 1024));
    }
    // Slow enough that migrations overlap and the sampler sees them: about 0.9 s each.
    fleet = new EvacuationFleet(1, 1192, guests);
    EvacuationRequest request = request("limits", new EvacuationLimits(null, 1, 1, null));
    EvacuationWorkflow stub = fleet.stub(request);
    io.temporal.client.WorkflowClient.start(stub::evacuate, request);
    int mostAtOnce = 0;
    while (stub.progress().phase() != EvacuationPhase.DONE) {
      Map<String, Integer> out = new java.util.HashMap<>();
      Map<String, Integer> in = new java.util.HashMap<>();
      fleet
          .whereIs()
          .forEach(
              (vm, where) -> {
                // In flight: running on the source and an incoming copy on the destination.
                if (where.size() == 2) {
                  where
                      .keySet()
                      .forEach(h -> (h.startsWith("src") ? out : in).merge(h, 1, Integer::sum));
                }
              });
      out.values().forEach(n -> assertTrue(n <= 1, "outbound per source " + out));
      in.values().forEach(n -> assertTrue(n <= 1, "inbound per destination " + in));
      mostAtOnce = Math.max(mostAtOnce, in.values().stream().mapToInt(Integer::intValue).sum());
      Thread.sleep(5);
    }
    EvacuationProgress report = stub.progress();
    assertEquals(12, report.count(VmState.MIGRATED), report.counts().toString());
    assertEquals(2, mostAtOnce, "both sources migrated at once, one each");
  }

  @Test
  void failedGuestIsRetriedOnAnotherDestination() {
    fleet = new EvacuationFleet(1000, 1192, List.of(vm("web", "src-a", 1024)));
    fleet.cluster.faults().arm(Phase.PERFORM, "web", Action.FAIL_PERMANENT, 1, Duration.ZERO);

    EvacuationProgress report = fleet.stub(request("retry", null)).evacuate(request("retry", null));

    VmReport web = byVm(report).get("web");
    assertEquals(VmState.MIGRATED, web.state(), web.toString());
    assertEquals(2, web.attempts());
    assertEquals(1, web.tried().size());
    assertNotEquals(web.tried().get(0), web.destination());
    assertEquals(Map.of(web.destination(), "running"), fleet.cluster.whereIs("web"));
  }

  @Test
  void antiAffinityGroupNeverSharesAHostAndMaintenanceHostsReceiveNothing() {
    List<SimVmConfig> guests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      guests.add(labelled("db" + i, i % 2 == 0 ? "src-a" : "src-b", 512, "db"));
    }
    guests.add(labelled("db-extra", "src-a", 512, "db"));
    fleet = new EvacuationFleet(1000, 1192, guests);
    EvacuationFleet.holdInMaintenance(fleet, "dst-3");

    EvacuationProgress report = fleet.stub(request("aa", null)).evacuate(request("aa", null));

    Set<String> used = new HashSet<>();
    for (VmReport vm : report.vms()) {
      if (vm.state() == VmState.MIGRATED) {
        assertTrue(used.add(vm.destination()), "two of group db on " + vm.destination());
      }
    }
    assertEquals(Set.of("dst-1", "dst-2"), used);
    assertEquals(2, report.count(VmState.CANNOT_MOVE), report.counts().toString());
    String reason =
        report.vms().stream()
            .filter(v -> v.state() == VmState.CANNOT_MOVE)
            .findFirst()
            .orElseThrow()
            .reason();
    assertTrue(reason.contains("dst-3: in maintenance"), reason);
    assertTrue(reason.contains("anti-affinity group db"), reason);
  }

  static Map<String, VmReport> byVm(EvacuationProgress report) {
    return report.vms().stream().collect(Collectors.toMap(VmReport::vm, v -> v));
  }

  private String batchIdOf(String vm) {
    var info =
        fleet
            .env
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(fleet.env.getNamespace())
                    .setExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId(MigrationRequest.workflowIdFor(vm)))
                    .build())
            .getWorkflowExecutionInfo();
    var payload =
        info.getSearchAttributes().getIndexedFieldsOrThrow(MigrationInspection.BATCH_ID.getName());
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
