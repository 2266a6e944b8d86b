package dev.ferry.hypervisor;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainObservation;

/**
 * The proof a driver reads on the host, immediately before it destroys, undefines, pauses, resumes
 * or stamps a domain, that the domain is the one the caller means: the guest's UUID and, once the
 * migration stamped it, that stamp. A domain that fails it is left alone and the act fails with
 * {@link FailureType#NOT_OURS}, naming what was seen.
 *
 * @param uuid the guest's UUID
 * @param migrationId the stamp the domain must carry, or null where any stamp will do (the source
 *     guest before this migration's prepare stamped it)
 */
public record DomainFence(String uuid, String migrationId) {

  public DomainFence {
    if (uuid == null || uuid.isBlank()) {
      throw new IllegalArgumentException("a domain fence needs the guest's UUID");
    }
  }

  /** The guest itself, whatever migration last stamped it. */
  public static DomainFence guest(String uuid) {
    return new DomainFence(uuid, null);
  }

  /** The guest as this migration stamped it, on either host. */
  public static DomainFence of(MigrationPlan plan) {
    return new DomainFence(plan.vmUuid(), plan.migrationId());
  }

  /** Whether the observed domain passes. */
  public boolean admits(DomainObservation seen) {
    return seen.hasUuid(uuid) && (migrationId == null || seen.stampedWith(migrationId));
  }

  /** Throws {@link FailureType#NOT_OURS} unless the observed domain passes. */
  public void require(String host, String name, String act, DomainObservation seen) {
    if (!admits(seen)) {
      throw new FerryException(
          FailureType.NOT_OURS,
          "not "
              + act
              + " domain '"
              + name
              + "' on "
              + host
              + ": it is not "
              + (migrationId == null ? "guest " + uuid : "the guest " + uuid + " as " + migrationId)
              + " stamped it ("
              + seen.describeIdentity()
              + ")");
    }
  }
}
