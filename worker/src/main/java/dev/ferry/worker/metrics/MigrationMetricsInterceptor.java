package dev.ferry.worker.metrics;

import com.uber.m3.tally.Scope;
import dev.ferry.convergence.StepTaken;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationStats;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.Locale;
import java.util.Map;

/**
 * Counts migrations by source and destination host as they start and end: started, succeeded,
 * refused, rolled back, needing attention; and records their duration, downtime, bytes moved and
 * the convergence steps taken, by action. It records through the workflow's metrics scope, which
 * stays silent while a history is replayed, so a worker restart counts nothing twice. It wraps the
 * workflow instead of changing it, so recorded histories replay as before.
 */
public final class MigrationMetricsInterceptor extends WorkerInterceptorBase {
  static final String MIGRATION_TYPE = "Migration";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        if (!MIGRATION_TYPE.equals(Workflow.getInfo().getWorkflowType())
            || input.getArguments().length == 0
            || !(input.getArguments()[0] instanceof MigrationRequest request)) {
          return super.execute(input);
        }
        scope(request.source(), request.destination()).counter("ferry_migrations_started").inc(1);
        WorkflowOutput output = super.execute(input);
        if (output.getResult() instanceof MigrationOutcome outcome) {
          record(outcome);
        }
        return output;
      }
    };
  }

  private static void record(MigrationOutcome outcome) {
    Scope scope = scope(outcome.source(), outcome.destination());
    scope.counter(outcomeCounter(outcome)).inc(1);
    MigrationStats stats = outcome.stats();
    if (stats != null && !stats.reattached()) {
      scope
          .timer("ferry_migration_duration")
          .record(com.uber.m3.util.Duration.ofMillis((double) stats.totalMillis()));
      scope
          .timer("ferry_migration_downtime")
          .record(com.uber.m3.util.Duration.ofMillis((double) stats.downtimeMillis()));
      scope.counter("ferry_migration_transferred_bytes").inc(stats.dataTransferredBytes());
    }
    // One series per action: an operator asks how often guests needed post-copy or an abort.
    for (StepTaken step : outcome.steps()) {
      scope
          .tagged(Map.of("action", step.action().name().toLowerCase(Locale.ROOT)))
          .counter("ferry_migration_convergence_steps")
          .inc(1);
    }
  }

  static String outcomeCounter(MigrationOutcome outcome) {
    if (outcome.refused()) {
      return "ferry_migrations_refused";
    }
    return switch (outcome.outcome()) {
      case MIGRATED -> "ferry_migrations_succeeded";
      case ROLLED_BACK -> "ferry_migrations_rolled_back";
      case NEEDS_ATTENTION -> "ferry_migrations_needing_attention";
    };
  }

  /** The workflow's scope tagged with the hosts; a source the check had to find is "found". */
  private static Scope scope(String source, String destination) {
    return Workflow.getMetricsScope()
        .tagged(
            Map.of(
                "source", source == null ? "found" : source,
                "destination", destination == null ? "" : destination));
  }
}
