package dev.ferry.client;

import dev.ferry.inventory.GuestSighting;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.Reconciler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ferry doctor} concludes from the hosts' sightings of a guest and its migration
 * workflow. The one question that matters after an incident is whether the guest runs exactly once,
 * and where: everything else here explains that answer.
 *
 * @param verdict the conclusion
 * @param summary one sentence naming hosts
 * @param situation the reconcile table's reading of the migration's two hosts, when known
 * @param runningOn hosts where a copy runs
 * @param unreachable hosts the worker could not ask
 */
public record Diagnosis(
    Verdict verdict,
    String summary,
    String situation,
    List<String> runningOn,
    List<String> unreachable) {

  public enum Verdict {
    /** Runs on exactly one host, where its last migration says it should. */
    HEALTHY,
    /** A migration is under way; ferry reconciles on its own. */
    IN_PROGRESS,
    /** Defined on exactly one host and shut off. */
    STOPPED,
    /** An operator must act: not running anywhere, running twice, or not where ferry says. */
    NEEDS_ATTENTION,
    /** A host did not answer, so exactly-once cannot be judged. */
    UNKNOWN
  }

  static Diagnosis of(
      String vm, List<GuestSighting> sightings, Optional<MigrationFacts> migration) {
    List<String> running = hostsWhere(sightings, DomainObservation::running);
    List<String> paused = hostsWhere(sightings, DomainObservation::paused);
    List<String> shutOff = hostsWhere(sightings, DomainObservation::shutOff);
    List<String> unreachable = new ArrayList<>();
    for (GuestSighting sighting : sightings) {
      if (!sighting.reachable() && !unreachable.contains(sighting.host())) {
        unreachable.add(sighting.host());
      }
    }
    String situation = migration.flatMap(m -> situation(vm, sightings, m)).orElse(null);
    Verdict verdict;
    String summary;
    if (running.size() > 1) {
      verdict = Verdict.NEEDS_ATTENTION;
      summary = "runs on several hosts " + running + ": pause all but one copy at once";
    } else if (migration.isPresent() && migration.get().running()) {
      verdict = Verdict.IN_PROGRESS;
      summary =
          "a migration is under way (phase "
              + migration.get().phase()
              + "); ferry reconciles both hosts on its own";
    } else if (running.size() == 1) {
      String host = running.get(0);
      Optional<String> misplaced = migration.flatMap(m -> misplaced(m, host));
      List<String> stale = new ArrayList<>(paused);
      stale.remove(host);
      if (misplaced.isPresent()) {
        verdict = Verdict.NEEDS_ATTENTION;
        summary = misplaced.get();
      } else if (!stale.isEmpty()) {
        verdict = Verdict.NEEDS_ATTENTION;
        summary =
            "runs on "
                + host
                + " but a paused copy remains on "
                + stale
                + ": destroy the stale copy";
      } else {
        verdict = Verdict.HEALTHY;
        summary = "runs on exactly one host (" + host + ")";
      }
    } else if (!unreachable.isEmpty()) {
      verdict = Verdict.UNKNOWN;
      summary = "runs on no reachable host; could not ask " + unreachable;
    } else if (!paused.isEmpty()) {
      verdict = Verdict.NEEDS_ATTENTION;
      summary = "paused on " + paused + " and running nowhere: resume the copy that should run";
    } else if (shutOff.size() == 1) {
      verdict = Verdict.STOPPED;
      summary = "shut off, defined on " + shutOff.get(0);
    } else if (shutOff.size() > 1) {
      verdict = Verdict.NEEDS_ATTENTION;
      summary = "shut off and defined on several hosts " + shutOff + ": undefine the stale one";
    } else {
      verdict = Verdict.NEEDS_ATTENTION;
      summary = "found on no host of the inventory";
    }
    return new Diagnosis(verdict, summary, situation, running, unreachable);
  }

  /** A finished migration whose outcome disagrees with where the guest runs. */
  private static Optional<String> misplaced(MigrationFacts migration, String runningOn) {
    String expected =
        switch (migration.outcome() == null ? "" : migration.outcome()) {
          case "MIGRATED" -> migration.destination();
          case "ROLLED_BACK" -> migration.source();
          default -> null;
        };
    if (expected == null || expected.equals(runningOn)) {
      return Optional.empty();
    }
    return Optional.of(
        "the migration ended "
            + migration.outcome()
            + ", so the guest belongs on "
            + expected
            + ", but it runs on "
            + runningOn);
  }

  private static Optional<String> situation(
      String vm, List<GuestSighting> sightings, MigrationFacts migration) {
    if (migration.source() == null || migration.migrationId() == null) {
      return Optional.empty();
    }
    Optional<GuestSighting> source = find(sightings, migration.source(), vm);
    Optional<GuestSighting> destination =
        find(sightings, migration.destination(), migration.destinationName());
    if (source.isEmpty() || destination.isEmpty()) {
      return Optional.empty();
    }
    if (!source.get().reachable() || !destination.get().reachable()) {
      return Optional.empty();
    }
    return Optional.of(
        Reconciler.decide(
                source.get().observation(),
                destination.get().observation(),
                migration.migrationId(),
                migration.vmUuid())
            .name());
  }

  /** The sighting on a host under a name. */
  private static Optional<GuestSighting> find(
      List<GuestSighting> sightings, String host, String name) {
    return sightings.stream()
        .filter(s -> s.host().equals(host) && s.name().equals(name))
        .findFirst();
  }

  private static List<String> hostsWhere(
      List<GuestSighting> sightings, java.util.function.Predicate<DomainObservation> test) {
    List<String> hosts = new ArrayList<>();
    for (GuestSighting sighting : sightings) {
      if (sighting.reachable() && test.test(sighting.observation())) {
        if (!hosts.contains(sighting.host())) {
          hosts.add(sighting.host());
        }
      }
    }
    return hosts;
  }
}
