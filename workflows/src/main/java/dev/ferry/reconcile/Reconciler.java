package dev.ferry.reconcile;

/**
 * The reconcile table: from what both hosts show, where the migration stands. Pure, so the table is
 * tested row by row, and shared by every activity so they cannot disagree.
 *
 * <p>Every row reads identity, not just names: the source copy counts only if it has the guest's
 * UUID, the destination copy only if it also carries this migration's stamp. A domain of the same
 * name that fails either test is a stranger: never the migrated guest, never destroyed or paused
 * (the drivers check the same proof again right before each such act).
 */
public final class Reconciler {
  private Reconciler() {}

  /**
   * Decides the situation of one migration.
   *
   * @param seenOnSource the domain of the guest's name on the source host
   * @param destination the domain of the guest's destination name on the destination host
   * @param migrationId this migration's id, used to recognise copies this migration made
   * @param vmUuid the guest's UUID, resolved by the capability check
   */
  public static Situation decide(
      DomainObservation seenOnSource,
      DomainObservation destination,
      String migrationId,
      String vmUuid) {
    // A domain of the guest's name but another UUID on the source is another guest: for this
    // migration the source holds nothing, and nothing there is ours to act on.
    DomainObservation source =
        seenOnSource.present() && !seenOnSource.hasUuid(vmUuid)
            ? DomainObservation.absent()
            : seenOnSource;
    boolean destinationOurs = destination.ownedBy(migrationId, vmUuid);
    // An interrupted post-copy may still show its job on the source: it goes nowhere until it is
    // resumed, so following it would wait forever. A source paused in post-copy whose job is gone
    // holds pages the destination may still need: never a stale copy to destroy.
    if (postcopyInterrupted(source)
        || (destinationOurs && postcopyInterrupted(destination))
        || (source.paused()
            && source.pauseReason() == PauseReason.POSTCOPY
            && !source.jobActive())) {
      return Situation.POSTCOPY_INTERRUPTED;
    }
    if (source.jobActive()) {
      return Situation.IN_FLIGHT;
    }
    if (destination.present() && !destinationOurs) {
      // A namesake on the destination (another guest, or a copy this migration never stamped).
      return Situation.FOREIGN_ON_DESTINATION;
    }
    return decideOwned(source, destination, migrationId);
  }

  /** The table proper, once the source is the guest and the destination is absent or ours. */
  private static Situation decideOwned(
      DomainObservation source, DomainObservation destination, String migrationId) {
    if (source.running() && destination.running()) {
      return Situation.SPLIT_BRAIN;
    }
    boolean sourceGone = !source.present() || source.shutOff();
    if (sourceGone && (destination.running() || destination.paused())) {
      // Paused: left so on purpose, or the incoming side was never resumed after the source let go.
      return Situation.MIGRATED;
    }
    if (source.paused() && destination.running()) {
      // Destroying the paused source is only safe when this migration stamped it.
      return source.stampedWith(migrationId) ? Situation.CONFIRM_LOST : Situation.UNKNOWN;
    }
    boolean sourceHasGuest = source.running() || source.paused();
    if (sourceHasGuest && !destination.present()) {
      return Situation.NOT_STARTED;
    }
    if (sourceHasGuest) {
      return Situation.LEFTOVER_ON_DESTINATION;
    }
    if (source.shutOff() && !destination.present()) {
      return Situation.NOT_STARTED;
    }
    if (sourceGone && destination.shutOff()) {
      // An offline migration moved the definition.
      return Situation.MIGRATED;
    }
    if (!source.present() && !destination.present()) {
      return Situation.LOST;
    }
    return Situation.UNKNOWN;
  }

  private static boolean postcopyInterrupted(DomainObservation side) {
    return side.paused() && side.pauseReason() == PauseReason.POSTCOPY_FAILED;
  }
}
