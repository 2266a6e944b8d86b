package dev.ferry.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.config.SimHostConfig;
import dev.ferry.config.SimSettings;
import dev.ferry.config.SimVmConfig;
import dev.ferry.config.SimVmConfig.SimDiskConfig;
import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.sim.SimCluster;
import dev.ferry.hypervisor.sim.SimDriver;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.StorageCopy;
import dev.ferry.plan.MigrationPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every disk of a guest is classified or refused by name: a network disk is shared and never
 * copied, a block disk is shared only where the inventory declares it, a type ferry does not know
 * is refused, and a CD-ROM's image must be on the destination. Refusals come from the check, before
 * anything changes.
 */
class DiskKindsTest {
  private static final String ROOT = "/shared/app.qcow2";
  private static final String LV = "/dev/vg0/app-data";
  private static final String ISO = "/var/lib/libvirt/iso/install.iso";

  private static SimDiskConfig root() {
    return new SimDiskConfig("vda", ROOT, 512L, true, "qcow2");
  }

  private static SimDiskConfig network() {
    return new SimDiskConfig(
        "vdb", "pool/app-data", 1024L, null, "raw", null, null, "network", null, "rbd");
  }

  private static SimDiskConfig block() {
    return new SimDiskConfig("vdb", LV, 1024L, true, "raw", null, null, "block", null, null);
  }

  private static SimDiskConfig cdrom(String path, boolean shared) {
    return new SimDiskConfig("sda", path, 4L, shared, "raw", null, null, null, "cdrom", null);
  }

  private static HostRegistry fleet(List<SimDiskConfig> disks, List<String> declared) {
    SimHostConfig sim = new SimHostConfig(null, null, 65536L, null);
    Inventory inventory =
        new Inventory(
            List.of(
                new HostConfig("sim-a", "sim://sim-a", null, null, null, sim, null, declared),
                new HostConfig("sim-b", "sim://sim-b", null, null, null, sim, null, declared)),
            List.of(
                new SimVmConfig(
                    "app", "sim-a", 1024L, 0L, "running", null, disks, List.of(), null, null)),
            new SimSettings(1000.0, null));
    return new HostRegistry(inventory, List.of(new SimDriver(SimCluster.from(inventory))));
  }

  private static MigrationPlan check(HostRegistry hosts, MigrationOptions options) {
    return new CapabilityCheck(hosts, new ReservationLedger())
        .run(new MigrationRequest("app", "sim-a", "sim-b", options, null), "migration-1");
  }

  private static MigrationPlan check(HostRegistry hosts) {
    return check(hosts, MigrationOptions.builder().build());
  }

  @Test
  void aNetworkDiskIsSharedAndNeverCopied() {
    MigrationPlan plan = check(fleet(List.of(root(), network()), List.of()));

    DiskPlan disk = plan.disks().get(1);
    assertEquals("vdb", disk.target());
    assertTrue(disk.shared(), disk.toString());
    assertEquals("rbd:pool/app-data", disk.path());
    assertEquals(List.of(), plan.disksToCopy());
  }

  @Test
  void aNetworkDiskNamedForACopyIsRefused() {
    MigrationOptions copy =
        MigrationOptions.builder().storageCopy(StorageCopy.ALL).disks(List.of("vdb")).build();

    FerryException e =
        assertThrows(
            FerryException.class, () -> check(fleet(List.of(root(), network()), List.of()), copy));

    assertEquals(FailureType.INVALID_OPTIONS, e.type());
    assertTrue(e.type().refusal());
    assertTrue(e.getMessage().contains("disk vdb"), e.getMessage());
    assertTrue(e.getMessage().contains("rbd:pool/app-data"), e.getMessage());
  }

  @Test
  void aBlockDiskNotDeclaredSharedIsRefusedNamingItsDevice() {
    FerryException e =
        assertThrows(FerryException.class, () -> check(fleet(List.of(root(), block()), List.of())));

    assertEquals(FailureType.INCOMPATIBLE_HOST, e.type());
    assertTrue(e.type().refusal());
    assertTrue(e.getMessage().contains("disk vdb"), e.getMessage());
    assertTrue(e.getMessage().contains(LV), e.getMessage());
    assertTrue(e.getMessage().contains("sharedStorage"), e.getMessage());
    assertTrue(e.getMessage().contains("file storage"), e.getMessage());
  }

  @Test
  void aBlockDiskDeclaredSharedOnBothHostsIsShared() {
    MigrationPlan plan = check(fleet(List.of(root(), block()), List.of("/dev/vg0")));

    DiskPlan disk = plan.disks().get(1);
    assertEquals(LV, disk.path());
    assertTrue(disk.shared(), disk.toString());
    assertEquals(List.of(), plan.disksToCopy());
  }

  @Test
  void aDiskOfATypeFerryDoesNotKnowIsRefusedNamingItsTargetAndType() {
    SimDiskConfig odd =
        new SimDiskConfig("vdc", "/x", 16L, true, "raw", null, null, "vhostuser", null, null);

    FerryException e =
        assertThrows(FerryException.class, () -> check(fleet(List.of(root(), odd), List.of())));

    assertEquals(FailureType.INCOMPATIBLE_HOST, e.type());
    assertTrue(e.getMessage().contains("disk vdc"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown type vhostuser"), e.getMessage());
  }

  @Test
  void anEmptyCdromDriveIsFineAndNotPlanned() {
    MigrationPlan plan = check(fleet(List.of(root(), cdrom(null, false)), List.of()));

    assertEquals(List.of("vda"), plan.disks().stream().map(DiskPlan::target).toList());
  }

  @Test
  void aCdromImageTheDestinationHasIsFineAndNeverCopied() {
    MigrationPlan plan = check(fleet(List.of(root(), cdrom(ISO, true)), List.of()));

    assertEquals(List.of("vda"), plan.disks().stream().map(DiskPlan::target).toList());
    assertEquals(List.of(), plan.disksToCopy());
  }

  @Test
  void aCdromImageMissingOnTheDestinationIsRefusedNamingDriveFileAndHost() {
    FerryException e =
        assertThrows(
            FerryException.class,
            () -> check(fleet(List.of(root(), cdrom(ISO, false)), List.of())));

    assertEquals(FailureType.INCOMPATIBLE_HOST, e.type());
    assertTrue(e.getMessage().contains("cdrom drive sda"), e.getMessage());
    assertTrue(e.getMessage().contains(ISO), e.getMessage());
    assertTrue(e.getMessage().contains("host sim-b"), e.getMessage());
    assertTrue(e.getMessage().contains("eject it"), e.getMessage());
  }
}
