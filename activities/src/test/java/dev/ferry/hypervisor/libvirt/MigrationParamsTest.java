package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.disk.DiskPlan;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.options.Compression;
import dev.ferry.options.MigrationFlag;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.ResolvedOptions;
import dev.ferry.plan.MigrationPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.libvirt.TypedParameter;

class MigrationParamsTest {
  private static final MigrationTarget TARGET =
      new MigrationTarget("lab-2", "qemu+tcp://10.77.0.2/system", "tcp://10.77.0.2");

  private static MigrationPlan plan(
      MigrationOptions options, boolean live, List<MigrationFlag> flags, List<DiskPlan> disks) {
    String name = options.destinationName() != null ? options.destinationName() : "g1";
    return new MigrationPlan(
        "m1",
        "g1",
        "uuid",
        "lab-1",
        "lab-2",
        name,
        options,
        new ResolvedOptions(live, flags, List.of()),
        disks,
        1L << 28,
        TARGET.migrationUri());
  }

  private static List<String> render(TypedParameter[] params) {
    List<String> out = new ArrayList<>();
    for (TypedParameter p : params) {
      out.add(p.field + "=" + p.getValueAsString());
    }
    return out;
  }

  @Test
  void liveMigrationCarriesStreamUriAndDestinationName() {
    MigrationPlan plan =
        plan(MigrationOptions.defaults(), true, List.of(MigrationFlag.LIVE), List.of());
    assertEquals(
        List.of("migrate_uri=tcp://10.77.0.2", "destination_name=g1"),
        render(MigrationParams.of(plan, TARGET)));
  }

  @Test
  void carriesRenameBandwidthDisksParallelAndCompression() {
    MigrationOptions options =
        MigrationOptions.builder()
            .destinationName("g2")
            .bandwidthMiBps(5L)
            .parallelConnections(4)
            .compression(Compression.ZSTD)
            .build();
    List<DiskPlan> disks =
        List.of(
            new DiskPlan("vda", "/img/a.qcow2", "qcow2", 64, false, true),
            new DiskPlan("vdb", "/shared/b.qcow2", "qcow2", 64, true, false),
            new DiskPlan("vdc", "/img/c.raw", "raw", 64, false, true));
    assertEquals(
        List.of(
            "migrate_uri=tcp://10.77.0.2",
            "destination_name=g2",
            "bandwidth=5",
            "migrate_disks=vda",
            "migrate_disks=vdc",
            "parallel.connections=4",
            "compression=zstd"),
        render(MigrationParams.of(plan(options, true, List.of(), disks), TARGET)));
  }

  @Test
  void bandwidthCapAlsoCapsThePostcopyPhase() {
    MigrationPlan plan =
        plan(
            MigrationOptions.builder().bandwidthMiBps(8L).build(),
            true,
            List.of(MigrationFlag.LIVE, MigrationFlag.POSTCOPY),
            List.of());
    assertEquals(
        List.of(
            "migrate_uri=tcp://10.77.0.2",
            "destination_name=g1",
            "bandwidth=8",
            "bandwidth.postcopy=8"),
        render(MigrationParams.of(plan, TARGET)));
  }

  @Test
  void tunnelledMigrationHasNoStreamUri() {
    MigrationPlan plan =
        plan(MigrationOptions.defaults(), true, List.of(MigrationFlag.TUNNELLED), List.of());
    assertEquals(List.of("destination_name=g1"), render(MigrationParams.of(plan, TARGET)));
  }

  @Test
  void offlineMigrationIsNeverAnEmptyParameterList() {
    MigrationPlan plan =
        plan(
            MigrationOptions.builder().bandwidthMiBps(5L).build(),
            false,
            List.of(MigrationFlag.OFFLINE),
            List.of());
    assertEquals(List.of("destination_name=g1"), render(MigrationParams.of(plan, TARGET)));
  }
}
