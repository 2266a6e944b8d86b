package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.control.OperatorControl;
import dev.ferry.convergence.JobStats;
import dev.ferry.convergence.StepTaken;
import dev.ferry.plan.MigrationPlan;
import java.util.List;

/**
 * What the {@code progress} query answers. The transfer figures are the latest the perform activity
 * reported, null before it reported any; they stay after the transfer as its last known state.
 *
 * @param phase the current phase
 * @param vm the guest
 * @param source the source host, once known
 * @param destination the destination host
 * @param phases phases so far
 * @param plan the plan, once the check made it
 * @param outcome the result, once finished
 * @param percent share of the whole migration done, 0..100; never decreases
 * @param dataTotalBytes memory plus copied disks to transfer
 * @param dataProcessedBytes transferred so far
 * @param dataRemainingBytes still to transfer in the current pass
 * @param dirtyRateBytesPerSec how fast the guest dirties memory
 * @param transferRateBytesPerSec how fast the stream moves
 * @param iteration the pre-copy pass (0 while disks are copied)
 * @param maxDowntimeMs the max downtime in force
 * @param etaSeconds seconds until the remaining data is sent, or null if it cannot be told
 * @param steps the convergence steps taken so far
 * @param controls the operator controls accepted so far (tune, force-complete, abort)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationProgress(
    Phase phase,
    String vm,
    String source,
    String destination,
    List<PhaseTiming> phases,
    MigrationPlan plan,
    MigrationOutcome outcome,
    int percent,
    Long dataTotalBytes,
    Long dataProcessedBytes,
    Long dataRemainingBytes,
    Long dirtyRateBytesPerSec,
    Long transferRateBytesPerSec,
    Long iteration,
    Long maxDowntimeMs,
    Long etaSeconds,
    List<StepTaken> steps,
    List<OperatorControl> controls) {

  public MigrationProgress {
    phases = phases == null ? List.of() : List.copyOf(phases);
    steps = steps == null ? List.of() : List.copyOf(steps);
    controls = controls == null ? List.of() : List.copyOf(controls);
  }

  /**
   * The progress with the transfer figures of a sample.
   *
   * @param stats the latest sample, or null if none was reported
   */
  public static MigrationProgress of(
      Phase phase,
      String vm,
      String source,
      String destination,
      List<PhaseTiming> phases,
      MigrationPlan plan,
      MigrationOutcome outcome,
      int percent,
      JobStats stats,
      List<StepTaken> steps,
      List<OperatorControl> controls) {
    boolean live = stats != null;
    return new MigrationProgress(
        phase,
        vm,
        source,
        destination,
        phases,
        plan,
        outcome,
        percent,
        live ? stats.dataTotalBytes() : null,
        live ? stats.dataProcessedBytes() : null,
        live ? stats.dataRemainingBytes() : null,
        live ? stats.dirtyRateBytesPerSec() : null,
        live ? stats.transferRateBytesPerSec() : null,
        live ? stats.iteration() : null,
        live ? stats.maxDowntimeMs() : null,
        live ? stats.etaSeconds() : null,
        steps,
        controls);
  }

  /** The progress of a finished migration, from its outcome alone. */
  public static MigrationProgress finished(MigrationOutcome outcome) {
    return of(
        Phase.DONE,
        outcome.vm(),
        outcome.source(),
        outcome.destination(),
        outcome.phases(),
        null,
        outcome,
        100,
        null,
        outcome.steps(),
        outcome.controls());
  }
}
