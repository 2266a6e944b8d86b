package dev.ferry.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What ferry saw of one guest on one host at one moment. Every activity starts by observing both
 * hosts and deciding from {@link Reconciler}; observations are also recorded in outcomes that need
 * attention, so an operator sees exactly what ferry saw.
 *
 * @param present the host has a domain of that name
 * @param state its state (meaningless when absent)
 * @param pauseReason why it is paused, {@link PauseReason#NONE} when it is not
 * @param jobActive a migration job runs on this domain
 * @param migrationId ferry's migration id stamped in the domain's metadata, or null
 * @param persistent the domain has a persistent definition on this host
 * @param uuid the domain's UUID, or null when absent (and in observations recorded before it was
 *     read)
 * @param rollbackMark the id of the migration whose rollback left the guest here, or null: an
 *     attempt of that migration that is still running is no longer current and must not start a
 *     transfer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DomainObservation(
    boolean present,
    DomainState state,
    PauseReason pauseReason,
    boolean jobActive,
    String migrationId,
    boolean persistent,
    String uuid,
    String rollbackMark) {

  public DomainObservation {
    state = state == null ? DomainState.OTHER : state;
    pauseReason = pauseReason == null ? PauseReason.NONE : pauseReason;
  }

  /** No domain of that name on the host. */
  public static DomainObservation absent() {
    return new DomainObservation(
        false, DomainState.OTHER, PauseReason.NONE, false, null, false, null, null);
  }

  @JsonIgnore
  public boolean running() {
    return present && state == DomainState.RUNNING;
  }

  @JsonIgnore
  public boolean paused() {
    return present && state == DomainState.PAUSED;
  }

  @JsonIgnore
  public boolean shutOff() {
    return present && state == DomainState.SHUT_OFF;
  }

  /** Whether the domain carries the given migration id. */
  public boolean stampedWith(String id) {
    return present && id != null && id.equals(migrationId);
  }

  /** Whether the domain is the guest of that UUID (compared as libvirt does, in any case). */
  public boolean hasUuid(String expected) {
    return present && expected != null && expected.equalsIgnoreCase(uuid);
  }

  /**
   * Whether the domain is provably this migration's guest: the guest's UUID and this migration's
   * stamp. Nothing else is ever destroyed, paused or counted as the migrated guest.
   */
  public boolean ownedBy(String id, String expectedUuid) {
    return stampedWith(id) && hasUuid(expectedUuid);
  }

  /** Whether the rollback of that migration marked this guest as left where it is. */
  public boolean rolledBackBy(String id) {
    return present && id != null && id.equals(rollbackMark);
  }

  /** One line for logs and outcomes, for example {@code running (job active)}. */
  public String describe() {
    if (!present) {
      return "absent";
    }
    StringBuilder text = new StringBuilder(state.name().toLowerCase(java.util.Locale.ROOT));
    if (pauseReason != PauseReason.NONE) {
      text.append(" (").append(pauseReason.name().toLowerCase(java.util.Locale.ROOT)).append(')');
    }
    if (jobActive) {
      text.append(", migration job active");
    }
    if (!persistent) {
      text.append(", transient");
    }
    return text.toString();
  }

  /**
   * {@link #describe()} with what proves whose domain it is, for refusals to act on a domain: for
   * example {@code running, uuid 6f1c..., stamped migration-web/run-1}.
   */
  public String describeIdentity() {
    if (!present) {
      return describe();
    }
    StringBuilder text = new StringBuilder(describe());
    text.append(", uuid ").append(uuid == null ? "unknown" : uuid);
    text.append(migrationId == null ? ", not stamped" : ", stamped " + migrationId);
    if (rollbackMark != null) {
      text.append(", rolled back by ").append(rollbackMark);
    }
    return text.toString();
  }
}
