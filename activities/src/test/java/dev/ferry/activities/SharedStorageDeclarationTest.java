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
import dev.ferry.hypervisor.ImageOwner;
import dev.ferry.hypervisor.sim.SimCluster;
import dev.ferry.hypervisor.sim.SimDriver;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.MigrationOptions;
import dev.ferry.plan.MigrationPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Storage the inventory declares shared on both hosts is shared without a probe (a directory the
 * simulated driver keeps per host, where a probe proves nothing); declared on one host only, it is
 * not, and an image of the disk's path on the destination is refused unless an earlier migration of
 * the guest made it.
 */
class SharedStorageDeclarationTest {
  private static final String DIRECTORY = "/var/lib/libvirt/san";
  private static final String IMAGE = DIRECTORY + "/app.qcow2";

  private static HostRegistry fleet(List<String> onA, List<String> onB, boolean imageOnB) {
    SimHostConfig sim = new SimHostConfig(null, null, 65536L, null);
    List<SimDiskConfig> disk = List.of(new SimDiskConfig("vda", IMAGE, 512L, false, "qcow2"));
    List<SimVmConfig> vms =
        imageOnB
            ? List.of(
                guest("app", "sim-a", "running", disk), guest("app-old", "sim-b", "shut-off", disk))
            : List.of(guest("app", "sim-a", "running", disk));
    Inventory inventory =
        new Inventory(
            List.of(
                new HostConfig("sim-a", "sim://sim-a", null, null, null, sim, null, onA),
                new HostConfig("sim-b", "sim://sim-b", null, null, null, sim, null, onB)),
            vms,
            new SimSettings(1000.0, null));
    return new HostRegistry(inventory, List.of(new SimDriver(SimCluster.from(inventory))));
  }

  private static SimVmConfig guest(
      String name, String host, String state, List<SimDiskConfig> disks) {
    return new SimVmConfig(name, host, 1024L, 0L, state, null, disks, List.of(), null, null);
  }

  private static MigrationPlan check(HostRegistry hosts) {
    return new CapabilityCheck(hosts, new ReservationLedger())
        .run(
            new MigrationRequest("app", "sim-a", "sim-b", MigrationOptions.builder().build(), null),
            "migration-1");
  }

  @Test
  void declaredOnBothHostsTheDiskIsSharedAndNotCopied() {
    MigrationPlan plan = check(fleet(List.of(DIRECTORY), List.of("/var/lib/libvirt/san/"), true));

    DiskPlan disk = plan.disks().get(0);
    assertTrue(disk.shared(), disk.toString());
    assertEquals(List.of(), plan.disksToCopy());
  }

  @Test
  void declaredOnOneHostOnlyTheImageThereIsAStaleCopyAndRefused() {
    FerryException e =
        assertThrows(FerryException.class, () -> check(fleet(List.of(DIRECTORY), List.of(), true)));

    assertEquals(FailureType.NAME_CLASH, e.type());
    assertTrue(e.getMessage().contains("host sim-b"), e.getMessage());
    assertTrue(e.getMessage().contains(IMAGE), e.getMessage());
  }

  @Test
  void declaredOnBothHostsButMissingOnTheDestinationIsRefused() {
    FerryException e =
        assertThrows(
            FerryException.class,
            () -> check(fleet(List.of(DIRECTORY), List.of(DIRECTORY), false)));

    assertEquals(FailureType.INCOMPATIBLE_HOST, e.type());
    assertTrue(e.getMessage().contains("sim-b has no image there"), e.getMessage());
  }

  @Test
  void undeclaredAndAbsentOnTheDestinationTheDiskIsCopied() {
    MigrationPlan plan = check(fleet(List.of(), List.of(), false));

    assertEquals(List.of("vda"), plan.disksToCopy().stream().map(DiskPlan::target).toList());
  }

  /**
   * An image an earlier migration of the guest made on the destination (its cleanup still pending)
   * is no proof of sharing either, but prepare takes it over: the disk is copied, not refused.
   */
  @Test
  void anImageAnEarlierMigrationOfTheGuestMadeIsCopiedOverNotRefused() {
    HostRegistry hosts = fleet(List.of(), List.of(), false);
    String uuid = UUID.nameUUIDFromBytes("app".getBytes(StandardCharsets.UTF_8)).toString();
    hosts.get("sim-b").createVolume(IMAGE, "qcow2", 512L << 20, new ImageOwner(uuid, "earlier"));

    MigrationPlan plan = check(hosts);

    assertEquals(List.of("vda"), plan.disksToCopy().stream().map(DiskPlan::target).toList());
  }

  @Test
  void anImageFerryMadeForAnotherGuestIsRefused() {
    HostRegistry hosts = fleet(List.of(), List.of(), false);
    hosts
        .get("sim-b")
        .createVolume(IMAGE, "qcow2", 512L << 20, new ImageOwner("other-uuid", "earlier"));

    FerryException e = assertThrows(FerryException.class, () -> check(hosts));

    assertEquals(FailureType.NAME_CLASH, e.type());
  }
}
