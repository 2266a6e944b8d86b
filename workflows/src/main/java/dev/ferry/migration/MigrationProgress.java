package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the {@code progress} query answers: the workflow's own view. Live transfer figures come from
 * the perform activity's heartbeat ({@link JobStats}).
 *
 * @param phase the current phase
 * @param vm the guest
 * @param source the source host, once known
 * @param destination the destination host
 * @param phases phases so far
 * @param plan the plan, once the check made it
 * @param outcome the result, once finished
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationProgress(
    Phase phase,
    String vm,
    String source,
    String destination,
    List<PhaseTiming> phases,
    MigrationPlan plan,
    MigrationOutcome outcome) {}
