package dev.ferry.migration;

import static dev.ferry.migration.SimFleet.DB;
import static dev.ferry.migration.SimFleet.DB_LOCAL_DISK;
import static dev.ferry.migration.SimFleet.WEB;
import static dev.ferry.migration.SimFleet.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.StorageCopy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A disk counts as shared only when proven: the image the source left behind after a copy is no
 * proof, so a guest coming back is refused (or copies its disk again once the stale image is gone),
 * never moved without its disk.
 */
class SharedStorageTest {
  private SimFleet fleet;

  @BeforeEach
  void startFleet() {
    fleet = new SimFleet();
  }

  @AfterEach
  void closeFleet() {
    fleet.close();
  }

  @Test
  void aGuestComingBackMeetsItsStaleImageAndIsRefusedBeforeAnythingChanges() {
    MigrationOutcome there = fleet.migrate(request(DB, "sim-a", "sim-b"));
    assertEquals(Outcome.MIGRATED, there.outcome(), there.reason());
    assertEquals(List.of("vdb"), copied(there));
    assertTrue(fleet.cluster.hasVolume("sim-a", DB_LOCAL_DISK), "ferry leaves the source image");
    Map<String, Map<String, String>> before = fleet.snapshot();

    MigrationOutcome back = fleet.migrate(request(DB, "sim-b", "sim-a"));

    assertEquals(Outcome.ROLLED_BACK, back.outcome(), back.reason());
    assertTrue(back.refused(), back.reason());
    assertEquals(FailureType.NAME_CLASH, back.failureType(), back.reason());
    assertEquals(List.of(Phase.CHECK), MigrationWorkflowTest.phases(back));
    assertTrue(back.reason().contains("host sim-a"), back.reason());
    assertTrue(back.reason().contains(DB_LOCAL_DISK), back.reason());
    assertTrue(back.reason().contains("remove it"), back.reason());
    assertTrue(back.reason().contains("sharedStorage"), back.reason());
    assertEquals(before, fleet.snapshot());
    assertNoProbeLeft();
  }

  @Test
  void onceTheStaleImageIsGoneTheGuestComingBackCopiesItsDiskAgain() {
    assertEquals(Outcome.MIGRATED, fleet.migrate(request(DB, "sim-a", "sim-b")).outcome());
    fleet.cluster.removeLocalVolume("sim-a", DB_LOCAL_DISK);

    MigrationOutcome back = fleet.migrate(request(DB, "sim-b", "sim-a"));

    assertEquals(Outcome.MIGRATED, back.outcome(), back.reason());
    assertEquals(List.of("vdb"), copied(back));
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(DB));
    assertNoProbeLeft();
  }

  @Test
  void aSharedDiskIsProvenByTheProbeBothWaysAndNeverCopied() {
    MigrationOutcome there = fleet.migrate(request(WEB, "sim-a", "sim-b"));
    MigrationOutcome back = fleet.migrate(request(WEB, "sim-b", "sim-a"));

    for (MigrationOutcome outcome : List.of(there, back)) {
      assertEquals(Outcome.MIGRATED, outcome.outcome(), outcome.reason());
      assertEquals(List.of(), copied(outcome));
      assertTrue(outcome.disks().get(0).shared(), outcome.disks().toString());
    }
    assertEquals(Map.of("sim-a", "running"), fleet.cluster.whereIs(WEB));
    assertNoProbeLeft();
  }

  /** {@code --storage-copy none}: the operator says the disks are shared, as before. */
  @Test
  void storageCopyNoneTakesTheOperatorsWordForAnImageOfTheSameSize() {
    assertEquals(Outcome.MIGRATED, fleet.migrate(request(DB, "sim-a", "sim-b")).outcome());

    MigrationOutcome back =
        fleet.migrate(
            new MigrationRequest(
                DB,
                "sim-b",
                "sim-a",
                MigrationOptions.builder().storageCopy(StorageCopy.NONE).build(),
                null));

    assertEquals(Outcome.MIGRATED, back.outcome(), back.reason());
    assertEquals(List.of(), copied(back));
  }

  private static List<String> copied(MigrationOutcome outcome) {
    return outcome.disks().stream().filter(DiskPlan::copy).map(DiskPlan::target).toList();
  }

  private void assertNoProbeLeft() {
    for (String host : List.of("sim-a", "sim-b", "sim-c")) {
      assertEquals(List.of(), fleet.cluster.probesSeenBy(host), host);
    }
  }
}
