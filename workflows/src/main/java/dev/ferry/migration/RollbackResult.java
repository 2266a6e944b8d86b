package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.Situation;

/**
 * What undoing a perform found and did.
 *
 * @param found the situation observed before acting
 * @param action what the rollback did, in words
 * @param source the guest on the source after the rollback
 * @param destination the guest on the destination after the rollback
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollbackResult(
    Situation found, String action, DomainObservation source, DomainObservation destination) {

  /** The destination already owns the guest: the workflow must roll forward instead. */
  public boolean rollForward() {
    return found == Situation.MIGRATED || found == Situation.CONFIRM_LOST;
  }

  /** Neither rolling back nor forward is safe without a person. */
  public boolean needsAttention() {
    return found == Situation.SPLIT_BRAIN
        || found == Situation.LOST
        || found == Situation.UNKNOWN
        || found == Situation.POSTCOPY_INTERRUPTED;
  }

  /** What was found and done, in words, for a migration that needs attention. */
  public String describe() {
    return "found "
        + found
        + " (source "
        + source.describe()
        + ", destination "
        + destination.describe()
        + "): "
        + action;
  }
}
