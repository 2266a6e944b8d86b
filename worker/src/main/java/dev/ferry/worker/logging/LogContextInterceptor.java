package dev.ferry.worker.logging;

import dev.ferry.logging.LogContext;
import dev.ferry.migration.MigrationOutcome;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.plan.MigrationPlan;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Puts the migration (workflow id, VM, source and destination host) into the log context of every
 * workflow and activity call, so every line the worker writes on its behalf names it; and logs a
 * migration's start and end from the workflow, through the SDK's replay-aware logger, so a replayed
 * history writes them once. It wraps the workflow instead of changing it: recorded histories replay
 * as before.
 */
public final class LogContextInterceptor extends WorkerInterceptorBase {
  private static final Logger log = Workflow.getLogger(LogContextInterceptor.class);

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      // Signals and updates may run on another workflow thread than execute: each call sets it.
      private MigrationRequest request;

      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        Object[] args = input.getArguments();
        if (args.length > 0 && args[0] instanceof MigrationRequest migration) {
          request = migration;
        }
        return within(
            () -> {
              if (request == null) {
                return super.execute(input);
              }
              log.info("migration started: {} to {}", request.vm(), request.destination());
              WorkflowOutput output = super.execute(input);
              if (output.getResult() instanceof MigrationOutcome outcome) {
                log.info(
                    "migration ended: {}{}",
                    outcome.refused() ? "REFUSED" : outcome.outcome(),
                    outcome.reason().isEmpty() ? "" : ": " + outcome.reason());
              }
              return output;
            });
      }

      @Override
      public void handleSignal(SignalInput input) {
        within(
            () -> {
              super.handleSignal(input);
              return null;
            });
      }

      @Override
      public UpdateOutput executeUpdate(UpdateInput input) {
        return within(() -> super.executeUpdate(input));
      }

      private <T> T within(Supplier<T> call) {
        String id = Workflow.getInfo().getWorkflowId();
        Map<String, String> previous =
            request == null
                ? LogContext.enter(id, null, null, null)
                : LogContext.enter(id, request.vm(), request.source(), request.destination());
        try {
          return call.get();
        } finally {
          LogContext.restore(previous);
        }
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      // The SDK hands the context here; Activity.getExecutionContext() is not yet usable.
      private String id;

      @Override
      public void init(ActivityExecutionContext context) {
        id = context.getInfo().getWorkflowId();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Object first = input.getArguments().length > 0 ? input.getArguments()[0] : null;
        Map<String, String> previous;
        if (first instanceof MigrationPlan plan) {
          previous = LogContext.enter(id, plan.vm(), plan.source(), plan.destination());
        } else if (first instanceof MigrationRequest request) {
          previous = LogContext.enter(id, request.vm(), request.source(), request.destination());
        } else {
          previous = LogContext.enter(id, null, null, null);
        }
        try {
          return super.execute(input);
        } finally {
          LogContext.restore(previous);
        }
      }
    };
  }
}
