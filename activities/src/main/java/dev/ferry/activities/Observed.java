package dev.ferry.activities;

import dev.ferry.migration.MigrationPlan;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.Reconciler;
import dev.ferry.reconcile.Situation;

/**
 * Both hosts observed for one migration, and the situation the reconcile table gives.
 *
 * @param source the guest on the source
 * @param destination the guest on the destination, under its destination name
 * @param situation what that means
 */
record Observed(DomainObservation source, DomainObservation destination, Situation situation) {

  static Observed of(HostRegistry hosts, MigrationPlan plan) {
    DomainObservation source = hosts.get(plan.source()).observe(plan.vm());
    DomainObservation destination = hosts.get(plan.destination()).observe(plan.destinationName());
    return of(source, destination, plan);
  }

  static Observed of(DomainObservation source, DomainObservation destination, MigrationPlan plan) {
    return new Observed(
        source, destination, Reconciler.decide(source, destination, plan.migrationId()));
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
