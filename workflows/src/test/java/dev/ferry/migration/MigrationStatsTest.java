package dev.ferry.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.convergence.JobStats;
import org.junit.jupiter.api.Test;

class MigrationStatsTest {
  private static final JobStats POSTCOPY_SAMPLE =
      new JobStats(9_000, 200_000_000, 150_000_000, 20_000_000, 0, 4_000_000, 5, 300, true);

  @Test
  void emptyCompletedStatisticsAreTakenFromTheLastSample() {
    MigrationStats none = new MigrationStats(0, 0, 0, 0, 0, false, false);

    MigrationStats completed = none.completedBy(POSTCOPY_SAMPLE, false);

    assertEquals(9_000, completed.totalMillis());
    assertEquals(200_000_000, completed.dataTotalBytes());
    assertEquals(150_000_000, completed.dataTransferredBytes());
    assertEquals(5, completed.memoryIterations());
    assertTrue(completed.postcopy(), "the sample saw post-copy");
  }

  @Test
  void reportedStatisticsStandAndASwitchSeenLiveMarksPostcopy() {
    MigrationStats reported = new MigrationStats(7_000, 40, 100, 90, 3, false, false);

    MigrationStats completed = reported.completedBy(null, true);
    MigrationStats untouched = reported.completedBy(null, false);

    assertEquals(7_000, completed.totalMillis());
    assertEquals(100, completed.dataTotalBytes());
    assertTrue(completed.postcopy());
    assertEquals(reported, untouched);
    assertFalse(untouched.postcopy());
  }
}
