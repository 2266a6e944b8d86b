package dev.ferry.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.convergence.JobStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The percentage shown to operators moves forward only, whatever the samples do. */
class ProgressTrackerTest {
  private static final long MIB = 1024L * 1024L;

  private static JobStats sample(long iteration, long remainingMiB) {
    return new JobStats(
        iteration * 1000, 1024 * MIB, 0, remainingMiB * MIB, 0, 0, iteration, 300, false);
  }

  @Test
  void percentNeverDecreasesWhenNewPassFindsMoreDirtyMemory() {
    ProgressTracker tracker = new ProgressTracker();
    tracker.enter(Phase.CHECK);
    tracker.enter(Phase.PREPARE);
    tracker.enter(Phase.PERFORM);
    // The first pass sends most of the memory; each later pass starts with a bigger dirty set.
    long[] remainingMiB = {900, 400, 100, 600, 300, 700, 50, 800};
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < remainingMiB.length; i++) {
      tracker.sample(sample(i + 1, remainingMiB[i]));
      seen.add(tracker.percent());
    }

    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "went backwards: " + seen);
    }
    // The best sample (50 MiB left of 1 GiB, about 95%) counts as 10 + 95 * 0.8 = 86.
    assertEquals(86, seen.get(seen.size() - 1));
    assertEquals(seen.get(2), seen.get(3), "a growing remainder left the percentage as it was");
  }

  @Test
  void rollbackKeepsPercentageAndTheEndIsHundred() {
    ProgressTracker tracker = new ProgressTracker();
    tracker.enter(Phase.PERFORM);
    tracker.sample(sample(1, 512));
    int beforeRollback = tracker.percent();

    tracker.enter(Phase.ROLLBACK);
    assertEquals(beforeRollback, tracker.percent());

    tracker.enter(Phase.DONE);
    assertEquals(100, tracker.percent());
  }

  @Test
  void phasesSetFloorsInOrder() {
    ProgressTracker tracker = new ProgressTracker();
    List<Integer> floors = new ArrayList<>();
    for (Phase phase :
        List.of(Phase.CHECK, Phase.PREPARE, Phase.PERFORM, Phase.FINISH, Phase.CONFIRM)) {
      tracker.enter(phase);
      floors.add(tracker.percent());
    }
    assertEquals(List.of(0, 5, 10, 90, 95), floors);
  }
}
