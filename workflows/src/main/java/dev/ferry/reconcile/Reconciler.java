package dev.ferry.reconcile;

/**
 * The reconcile table: from what both hosts show, where the migration stands. Pure, so the table is
 * tested row by row, and shared by every activity so they cannot disagree.
 */
public final class Reconciler {
  private Reconciler() {}

  /**
   * Decides the situation of one migration.
   *
   * @param source the guest on the source host, under its source name
   * @param destination the guest on the destination host, under its destination name
   * @param migrationId this migration's id, used to recognise copies this migration made
   */
  public static Situation decide(
      DomainObservation source, DomainObservation destination, String migrationId) {
    // An interrupted post-copy may still show its job on the source: it goes nowhere until it is
    // resumed, so following it would wait forever.
    if (postcopyInterrupted(source) || postcopyInterrupted(destination)) {
      return Situation.POSTCOPY_INTERRUPTED;
    }
    if (source.jobActive()) {
      return Situation.IN_FLIGHT;
    }
    if (source.running() && destination.running()) {
      return Situation.SPLIT_BRAIN;
    }
    boolean sourceGone = !source.present() || source.shutOff();
    if (sourceGone && destination.running()) {
      return Situation.MIGRATED;
    }
    if (sourceGone && destination.paused() && destination.stampedWith(migrationId)) {
      // Left paused on purpose, or the incoming side was never resumed after the source let go.
      return Situation.MIGRATED;
    }
    if (source.paused() && destination.running()) {
      return Situation.CONFIRM_LOST;
    }
    boolean sourceHasGuest = source.running() || source.paused();
    if (sourceHasGuest && !destination.present()) {
      return Situation.NOT_STARTED;
    }
    if (sourceHasGuest && destination.stampedWith(migrationId)) {
      return Situation.LEFTOVER_ON_DESTINATION;
    }
    if (source.shutOff() && !destination.present()) {
      return Situation.NOT_STARTED;
    }
    if (sourceGone && destination.shutOff() && destination.stampedWith(migrationId)) {
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
