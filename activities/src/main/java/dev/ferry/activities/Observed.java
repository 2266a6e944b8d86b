package dev.ferry.activities;

import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.Reconciler;
import dev.ferry.reconcile.Situation;
import java.util.concurrent.CompletableFuture;

/**
 * Both hosts observed for one migration, and the situation the reconcile table gives.
 *
 * @param source the guest on the source
 * @param destination the guest on the destination, under its destination name
 * @param situation what that means
 */
record Observed(DomainObservation source, DomainObservation destination, Situation situation) {

  static Observed of(HostRegistry hosts, MigrationPlan plan) {
    Hypervisor destinationHost = hosts.get(plan.destination());
    CompletableFuture<DomainObservation> destination =
        ParallelReads.start(() -> destinationHost.observe(plan.destinationName()));
    DomainObservation source = hosts.get(plan.source()).observe(plan.vm());
    return of(source, ParallelReads.await(destination), plan);
  }

  static Observed of(DomainObservation source, DomainObservation destination, MigrationPlan plan) {
    return new Observed(
        source,
        destination,
        Reconciler.decide(source, destination, plan.migrationId(), plan.vmUuid()));
  }

  /** One line for failures and logs. */
  String describe() {
    return situation
        + " (source "
        + source.describe()
        + "; destination "
        + destination.describe()
        + ")";
  }
}
