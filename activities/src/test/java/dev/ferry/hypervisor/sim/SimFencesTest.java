package dev.ferry.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.config.SimHostConfig;
import dev.ferry.config.SimSettings;
import dev.ferry.config.SimVmConfig;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.ImageOwner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fences of the simulated driver, the same rules as the libvirt driver's: an image is deleted
 * only for the migration whose mark it carries and while no guest uses it, a domain is destroyed,
 * paused, resumed or undefined only once it proves to be the guest the caller means.
 */
class SimFencesTest {
  private static final String IMAGE = "/var/lib/libvirt/images/db-data.qcow2";
  private static final String GUEST = "6f1c1a52-3f43-4d55-9a0e-2b7c1c0d9e01";
  private static final ImageOwner FIRST = new ImageOwner(GUEST, "migration-db/run-1");
  private static final ImageOwner LATER = new ImageOwner(GUEST, "migration-db/run-2");
  private static final ImageOwner OTHER_GUEST =
      new ImageOwner("0b0e4f3c-77d2-4a59-8c51-5a6d0e9f7a12", "migration-web/run-1");
  private static final long SIZE = 1L << 30;

  private final SimCluster cluster = SimCluster.from(inventory());
  private final SimHypervisor host = new SimHypervisor(cluster, "sim-b");

  private static Inventory inventory() {
    SimHostConfig config = new SimHostConfig(null, null, 65_536L, null);
    return new Inventory(
        List.of(
            new HostConfig("sim-a", "sim://sim-a", null, null, null, config, null),
            new HostConfig("sim-b", "sim://sim-b", null, null, null, config, null)),
        List.of(
            new SimVmConfig(
                "web", "sim-b", 512L, 0L, "running", null, List.of(), List.of(), null, null)),
        new SimSettings(1000.0, null));
  }

  @Test
  void aCleanupDeletesOnlyTheImageItsOwnMigrationMade() {
    host.createVolume(IMAGE, "qcow2", SIZE, FIRST);

    assertTrue(host.deleteVolume(IMAGE, LATER).startsWith("kept"));
    assertTrue(cluster.hasVolume("sim-b", IMAGE));
    assertEquals("deleted " + IMAGE, host.deleteVolume(IMAGE, FIRST));
    assertFalse(cluster.hasVolume("sim-b", IMAGE));
  }

  @Test
  void aLaterMigrationOfTheGuestTakesTheImageOverSoTheOldCleanupKeepsIt() {
    host.createVolume(IMAGE, "qcow2", SIZE, FIRST);
    host.createVolume(IMAGE, "qcow2", SIZE, LATER);

    String kept = host.deleteVolume(IMAGE, FIRST);

    assertTrue(kept.contains("another migration owns it now"), kept);
    assertTrue(cluster.hasVolume("sim-b", IMAGE));
  }

  @Test
  void anImageAGuestUsesIsNeverDeletedEvenByItsOwner() {
    cluster.addStranger("sim-b", "db", IMAGE);
    cluster.host("sim-b").imageOwners.put(IMAGE, FIRST);

    String kept = host.deleteVolume(IMAGE, FIRST);

    assertTrue(kept.contains("guest 'db' uses it"), kept);
    assertTrue(cluster.hasVolume("sim-b", IMAGE));
  }

  @Test
  void anAdoptedImageIsNoLongerAnyCleanupsToDelete() {
    host.createVolume(IMAGE, "qcow2", SIZE, FIRST);
    host.adoptVolume(IMAGE, FIRST);

    assertTrue(host.deleteVolume(IMAGE, FIRST).contains("no owner mark"));
    assertTrue(cluster.hasVolume("sim-b", IMAGE));
  }

  @Test
  void prepareRefusesAnImageFerryDidNotMakeOrMadeForAnotherGuest() {
    cluster.host("sim-b").localVolumes.put(IMAGE, SIZE);
    FerryException unmarked =
        assertThrows(FerryException.class, () -> host.createVolume(IMAGE, "qcow2", SIZE, FIRST));
    assertEquals(FailureType.NAME_CLASH, unmarked.type());
    assertTrue(unmarked.getMessage().contains("ferry did not create it"), unmarked.getMessage());

    cluster.host("sim-b").imageOwners.put(IMAGE, OTHER_GUEST);
    FerryException foreign =
        assertThrows(FerryException.class, () -> host.createVolume(IMAGE, "qcow2", SIZE, FIRST));
    assertTrue(foreign.getMessage().contains("another guest"), foreign.getMessage());
    assertEquals(OTHER_GUEST, cluster.host("sim-b").imageOwners.get(IMAGE), "mark untouched");
  }

  @Test
  void aDomainOfTheRightNameButAnotherUuidIsNeverDestroyedPausedOrUndefined() {
    String webUuid = cluster.host("sim-b").vms.get("web").uuid;
    DomainFence someoneElse = DomainFence.guest(GUEST);

    for (Runnable act :
        List.<Runnable>of(
            () -> host.destroy("web", someoneElse),
            () -> host.pause("web", someoneElse),
            () -> host.undefine("web", someoneElse),
            () -> host.stamp("web", GUEST, "migration-web/run-1"),
            () -> host.markRolledBack("web", GUEST, "migration-web/run-1"))) {
      FerryException refused = assertThrows(FerryException.class, act::run);
      assertEquals(FailureType.NOT_OURS, refused.type());
      assertTrue(refused.getMessage().contains(webUuid), refused.getMessage());
    }
    assertEquals(Map.of("sim-b", "running"), cluster.whereIs("web"));
  }

  @Test
  void aDomainStampedByAnotherMigrationIsNotThisMigrationsToDestroy() {
    String webUuid = cluster.host("sim-b").vms.get("web").uuid;
    host.stamp("web", webUuid, "migration-web/run-1");

    FerryException refused =
        assertThrows(
            FerryException.class,
            () -> host.destroy("web", new DomainFence(webUuid, "migration-web/run-2")));

    assertEquals(FailureType.NOT_OURS, refused.type());
    assertEquals(Map.of("sim-b", "running"), cluster.whereIs("web"));
    host.destroy("web", new DomainFence(webUuid, "migration-web/run-1"));
    assertEquals(Map.of("sim-b", "shut_off"), cluster.whereIs("web"));
  }
}
