package dev.ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.client.Diagnosis.Verdict;
import dev.ferry.inventory.GuestSighting;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The doctor's verdict for each combination an incident can leave behind. */
class DiagnosisTest {
  private static final String ID = "migration-web1/run-1";
  private static final String UUID = "6f1c1a52-3f43-4d55-9a0e-2b7c1c0d9e01";

  private static GuestSighting on(String host, DomainState state, PauseReason reason) {
    return new GuestSighting(
        host,
        "web1",
        true,
        null,
        new DomainObservation(true, state, reason, false, ID, true, UUID, null));
  }

  private static GuestSighting running(String host) {
    return on(host, DomainState.RUNNING, PauseReason.NONE);
  }

  private static GuestSighting paused(String host) {
    return on(host, DomainState.PAUSED, PauseReason.MIGRATION);
  }

  private static GuestSighting shutOff(String host) {
    return on(host, DomainState.SHUT_OFF, PauseReason.NONE);
  }

  private static GuestSighting absent(String host) {
    return new GuestSighting(host, "web1", true, null, DomainObservation.absent());
  }

  private static GuestSighting unreachable(String host) {
    return new GuestSighting(host, "web1", false, "connection refused", DomainObservation.absent());
  }

  private static Optional<MigrationFacts> migration(String status, String outcome) {
    return Optional.of(
        new MigrationFacts(
            "migration-web1", status, "DONE", "a", "b", "web1", ID, UUID, outcome, "", List.of()));
  }

  static Stream<Arguments> cases() {
    Optional<MigrationFacts> none = Optional.empty();
    return Stream.of(
        Arguments.of(
            "runs once, no migration",
            List.of(running("a"), absent("b")),
            none,
            Verdict.HEALTHY,
            "a"),
        Arguments.of(
            "migrated and runs on the destination",
            List.of(absent("a"), running("b")),
            migration("completed", "MIGRATED"),
            Verdict.HEALTHY,
            "b"),
        Arguments.of(
            "migrated but runs on the source",
            List.of(running("a"), absent("b")),
            migration("completed", "MIGRATED"),
            Verdict.NEEDS_ATTENTION,
            "belongs on b"),
        Arguments.of(
            "rolled back and runs on the source",
            List.of(running("a"), absent("b")),
            migration("completed", "ROLLED_BACK"),
            Verdict.HEALTHY,
            "a"),
        Arguments.of(
            "runs on both hosts",
            List.of(running("a"), running("b")),
            none,
            Verdict.NEEDS_ATTENTION,
            "several hosts"),
        Arguments.of(
            "runs on both hosts while migrating",
            List.of(running("a"), running("b")),
            migration("running", null),
            Verdict.NEEDS_ATTENTION,
            "several hosts"),
        Arguments.of(
            "migrating: incoming copy paused",
            List.of(running("a"), paused("b")),
            migration("running", null),
            Verdict.IN_PROGRESS,
            "under way"),
        Arguments.of(
            "a stale paused copy after the migration",
            List.of(paused("a"), running("b")),
            migration("completed", "MIGRATED"),
            Verdict.NEEDS_ATTENTION,
            "paused copy remains on [a]"),
        Arguments.of(
            "paused everywhere",
            List.of(paused("a"), absent("b")),
            none,
            Verdict.NEEDS_ATTENTION,
            "running nowhere"),
        Arguments.of(
            "shut off on one host",
            List.of(shutOff("a"), absent("b")),
            none,
            Verdict.STOPPED,
            "defined on a"),
        Arguments.of(
            "defined on two hosts",
            List.of(shutOff("a"), shutOff("b")),
            none,
            Verdict.NEEDS_ATTENTION,
            "several hosts"),
        Arguments.of(
            "gone everywhere",
            List.of(absent("a"), absent("b")),
            migration("completed", "MIGRATED"),
            Verdict.NEEDS_ATTENTION,
            "no host"),
        Arguments.of(
            "a host did not answer",
            List.of(absent("a"), unreachable("b")),
            none,
            Verdict.UNKNOWN,
            "could not ask [b]"),
        Arguments.of(
            "runs on the reachable host, the other did not answer",
            List.of(running("a"), unreachable("b")),
            none,
            Verdict.HEALTHY,
            "a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdict(
      String name,
      List<GuestSighting> sightings,
      Optional<MigrationFacts> migration,
      Verdict verdict,
      String inSummary) {
    Diagnosis diagnosis = Diagnosis.of("web1", sightings, migration);
    assertEquals(verdict, diagnosis.verdict(), diagnosis.summary());
    assertTrue(
        diagnosis.summary().contains(inSummary),
        () -> "'" + diagnosis.summary() + "' should mention '" + inSummary + "'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reconcileReadingOnlyWithBothHostsAnswering(
      String name,
      List<GuestSighting> sightings,
      Optional<MigrationFacts> migration,
      Verdict verdict,
      String inSummary) {
    Diagnosis diagnosis = Diagnosis.of("web1", sightings, migration);
    boolean bothAnswered = sightings.stream().allMatch(GuestSighting::reachable);
    assertEquals(migration.isPresent() && bothAnswered, diagnosis.situation() != null);
  }
}
