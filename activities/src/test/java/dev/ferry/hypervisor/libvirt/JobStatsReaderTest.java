package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationStats;
import org.junit.jupiter.api.Test;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedUlongParameter;

class JobStatsReaderTest {
  private static final TypedParameter[] RUNNING = {
    new TypedIntParameter("operation", 5),
    new TypedUlongParameter("time_elapsed", 1500),
    new TypedUlongParameter("data_total", 1000),
    new TypedUlongParameter("data_processed", 400),
    new TypedUlongParameter("data_remaining", 600),
    new TypedUlongParameter("memory_dirty_rate", 10),
    new TypedUlongParameter("memory_page_size", 4096),
    new TypedUlongParameter("memory_bps", 5000),
    new TypedUlongParameter("disk_bps", 100),
    new TypedUlongParameter("memory_iteration", 2),
  };

  @Test
  void readsTheJobTypeAsLibvirtsNumber() {
    assertTrue(JobStatsReader.migrationActive(2, RUNNING));
    assertTrue(JobStatsReader.migrationActive(1, new TypedParameter[0]));
    assertFalse(JobStatsReader.migrationActive(0, RUNNING));
    assertFalse(JobStatsReader.migrationActive(3, RUNNING));
    assertFalse(
        JobStatsReader.migrationActive(
            2, new TypedParameter[] {new TypedIntParameter("operation", 2)}),
        "a save job is not a migration");
  }

  @Test
  void turnsRunningStatisticsIntoJobStats() {
    assertEquals(
        new JobStats(1500, 1000, 400, 600, 10 * 4096, 5100, 2, 300, false),
        JobStatsReader.running(RUNNING, 300, false, 4096));
  }

  @Test
  void turnsCompletedStatisticsIntoMigrationStats() {
    TypedParameter[] done = {
      new TypedUlongParameter("time_elapsed", 918),
      new TypedUlongParameter("downtime", 70),
      new TypedUlongParameter("data_total", 268828672),
      new TypedUlongParameter("data_processed", 115461537),
      new TypedUlongParameter("memory_iteration", 3),
    };
    assertEquals(
        new MigrationStats(918, 70, 268828672, 115461537, 3, false, false),
        JobStatsReader.completed(done, false));
  }
}
