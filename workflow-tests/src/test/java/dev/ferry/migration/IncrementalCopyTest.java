package dev.ferry.migration;

import static dev.ferry.migration.SimFleet.DB;
import static dev.ferry.migration.SimFleet.LAYERED;
import static dev.ferry.migration.SimFleet.LAYERED_BASE;
import static dev.ferry.migration.SimFleet.LAYERED_DISK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.disk.BackingStore;
import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.StorageCopy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An incremental copy sends only the top image of an overlay: the destination must have the backing
 * file, and the image prepare creates there is an overlay on it.
 */
class IncrementalCopyTest {
  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet();
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  private static MigrationRequest copying(String vm, StorageCopy copy) {
    return new MigrationRequest(
        vm, "sim-a", "sim-b", MigrationOptions.builder().storageCopy(copy).build(), null);
  }

  @Test
  void theOverlayIsCreatedOnTheBackingFileTheDestinationHas() {
    fleet.cluster.addLocalVolume("sim-b", LAYERED_BASE, 256L * 1024 * 1024);

    MigrationOutcome outcome = fleet.migrate(copying(LAYERED, StorageCopy.INCREMENTAL));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    DiskPlan disk = outcome.disks().get(0);
    assertTrue(disk.copy(), disk.toString());
    assertEquals(new BackingStore(LAYERED_BASE, "qcow2"), disk.backing());
    assertEquals(
        Optional.of(new BackingStore(LAYERED_BASE, "qcow2")),
        fleet.cluster.backingOf("sim-b", LAYERED_DISK));
    assertEquals(Map.of("sim-b", "running"), fleet.cluster.whereIs(LAYERED));
  }

  @Test
  void aDestinationWithoutTheBackingFileIsRefusedBeforeAnythingChanges() {
    Map<String, Map<String, String>> before = fleet.snapshot();

    MigrationOutcome outcome = fleet.migrate(copying(LAYERED, StorageCopy.INCREMENTAL));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertTrue(outcome.refused(), outcome.reason());
    assertEquals(FailureType.INCOMPATIBLE_HOST, outcome.failureType(), outcome.reason());
    assertEquals(List.of(Phase.CHECK), MigrationWorkflowTest.phases(outcome));
    assertTrue(outcome.reason().contains("host sim-b"), outcome.reason());
    assertTrue(outcome.reason().contains(LAYERED_BASE), outcome.reason());
    assertTrue(outcome.reason().contains("disk vda"), outcome.reason());
    assertEquals(before, fleet.snapshot());
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(LAYERED));
    assertFalse(fleet.cluster.hasVolume("sim-b", LAYERED_DISK), "no image was created");
  }

  @Test
  void aDiskWithoutABackingFileIsRefusedForAnIncrementalCopy() {
    MigrationOutcome outcome = fleet.migrate(copying(DB, StorageCopy.INCREMENTAL));

    assertEquals(Outcome.ROLLED_BACK, outcome.outcome(), outcome.reason());
    assertTrue(outcome.refused(), outcome.reason());
    assertEquals(FailureType.INVALID_OPTIONS, outcome.failureType(), outcome.reason());
    assertTrue(outcome.reason().contains("disk vdb"), outcome.reason());
    assertTrue(outcome.reason().contains("no backing file"), outcome.reason());
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(DB));
  }

  @Test
  void aFullCopyFlattensTheChainIntoAPlainImage() {
    MigrationOutcome outcome = fleet.migrate(copying(LAYERED, StorageCopy.ALL));

    assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
    assertEquals(Optional.empty(), fleet.cluster.backingOf("sim-b", LAYERED_DISK));
    assertTrue(fleet.cluster.hasVolume("sim-b", LAYERED_DISK));
  }
}
