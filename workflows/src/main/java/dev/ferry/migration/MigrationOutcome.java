package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.control.OperatorControl;
import dev.ferry.convergence.StepTaken;
import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import java.util.List;

/**
 * The workflow's result.
 *
 * @param workflowId the migration's workflow id
 * @param vm the guest
 * @param source the source host (found by the check if the request left it out)
 * @param destination the destination host
 * @param outcome how it ended
 * @param reason why it ended that way, in words; empty when migrated
 * @param failureType the failure that ended it, or null
 * @param refused the request was refused before anything changed on a host
 * @param phases when each phase ran
 * @param stats the transfer's statistics, or null if no transfer ran
 * @param compensations the undo steps that ran, in order
 * @param disks the guest's disks as the check classified them (shared or copied); empty if the
 *     check did not get that far
 * @param steps the convergence steps taken during the transfer, in order
 * @param controls the operator controls the migration accepted, in order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationOutcome(
    String workflowId,
    String vm,
    String source,
    String destination,
    Outcome outcome,
    String reason,
    FailureType failureType,
    boolean refused,
    List<PhaseTiming> phases,
    MigrationStats stats,
    List<String> compensations,
    List<DiskPlan> disks,
    List<StepTaken> steps,
    List<OperatorControl> controls) {

  public MigrationOutcome {
    phases = List.copyOf(phases);
    compensations = List.copyOf(compensations);
    disks = disks == null ? List.of() : List.copyOf(disks);
    reason = reason == null ? "" : reason;
    steps = steps == null ? List.of() : List.copyOf(steps);
    controls = controls == null ? List.of() : List.copyOf(controls);
  }
}
