package dev.ferry.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reconcile table of ARCHITECTURE.md, row by row, then the edges {@link Reconciler} adds. */
class ReconcilerTest {
  private static final String ID = "migration-web/run-1";
  private static final String OTHER_ID = "migration-web/run-0";

  private static final DomainObservation ABSENT = DomainObservation.absent();
  private static final DomainObservation RUNNING = seen(DomainState.RUNNING, PauseReason.NONE);
  private static final DomainObservation SHUT_OFF = seen(DomainState.SHUT_OFF, PauseReason.NONE);
  private static final DomainObservation RUNNING_WITH_JOB =
      new DomainObservation(true, DomainState.RUNNING, PauseReason.NONE, true, ID, true);
  private static final DomainObservation PAUSED_BY_MIGRATION =
      seen(DomainState.PAUSED, PauseReason.MIGRATION);
  private static final DomainObservation PAUSED_BY_USER =
      seen(DomainState.PAUSED, PauseReason.USER);
  private static final DomainObservation POSTCOPY_FAILED =
      seen(DomainState.PAUSED, PauseReason.POSTCOPY_FAILED);
  private static final DomainObservation INCOMING = stamped(DomainState.PAUSED, ID);
  private static final DomainObservation CRASHED = seen(DomainState.CRASHED, PauseReason.NONE);

  private static DomainObservation seen(DomainState state, PauseReason reason) {
    return new DomainObservation(true, state, reason, false, null, true);
  }

  private static DomainObservation stamped(DomainState state, String migrationId) {
    PauseReason reason = state == DomainState.PAUSED ? PauseReason.MIGRATION : PauseReason.NONE;
    return new DomainObservation(true, state, reason, false, migrationId, false);
  }

  static Stream<Arguments> architectureTable() {
    return Stream.of(
        row("running with job / paused incoming", RUNNING_WITH_JOB, INCOMING, Situation.IN_FLIGHT),
        row("running without job / absent", RUNNING, ABSENT, Situation.NOT_STARTED),
        row("shut off / running", SHUT_OFF, RUNNING, Situation.MIGRATED),
        row("absent / running", ABSENT, RUNNING, Situation.MIGRATED),
        row("paused (migration) / running", PAUSED_BY_MIGRATION, RUNNING, Situation.CONFIRM_LOST),
        row(
            "paused / paused post-copy failed",
            PAUSED_BY_MIGRATION,
            POSTCOPY_FAILED,
            Situation.POSTCOPY_INTERRUPTED),
        row("running / running", RUNNING, RUNNING, Situation.SPLIT_BRAIN));
  }

  static Stream<Arguments> edgeRows() {
    return Stream.of(
        row(
            "a running job wins over anything seen",
            RUNNING_WITH_JOB,
            RUNNING,
            Situation.IN_FLIGHT),
        row("job active, nothing arrived yet", RUNNING_WITH_JOB, ABSENT, Situation.IN_FLIGHT),
        row(
            "an interrupted post-copy wins over the job it still shows",
            new DomainObservation(
                true, DomainState.PAUSED, PauseReason.POSTCOPY_FAILED, true, ID, true),
            POSTCOPY_FAILED,
            Situation.POSTCOPY_INTERRUPTED),
        row(
            "post-copy failed on the source side",
            POSTCOPY_FAILED,
            ABSENT,
            Situation.POSTCOPY_INTERRUPTED),
        row("paused by user / absent", PAUSED_BY_USER, ABSENT, Situation.NOT_STARTED),
        row("shut off / absent: offline not started", SHUT_OFF, ABSENT, Situation.NOT_STARTED),
        row(
            "leftover paused copy stamped by this migration",
            RUNNING,
            INCOMING,
            Situation.LEFTOVER_ON_DESTINATION),
        row(
            "leftover shut-off copy stamped by this migration",
            RUNNING,
            stamped(DomainState.SHUT_OFF, ID),
            Situation.LEFTOVER_ON_DESTINATION),
        row(
            "source paused by migration, leftover stamped copy",
            PAUSED_BY_MIGRATION,
            INCOMING,
            Situation.LEFTOVER_ON_DESTINATION),
        row(
            "paused copy stamped by another migration is not ours",
            RUNNING,
            stamped(DomainState.PAUSED, OTHER_ID),
            Situation.UNKNOWN),
        row(
            "unstamped paused copy is not ours",
            RUNNING,
            seen(DomainState.PAUSED, PauseReason.USER),
            Situation.UNKNOWN),
        row("left paused on destination on purpose", ABSENT, INCOMING, Situation.MIGRATED),
        row("source shut off, destination left paused", SHUT_OFF, INCOMING, Situation.MIGRATED),
        row(
            "source gone, unstamped paused copy",
            ABSENT,
            seen(DomainState.PAUSED, PauseReason.USER),
            Situation.UNKNOWN),
        row(
            "offline migrated: definition moved, source undefined",
            ABSENT,
            stamped(DomainState.SHUT_OFF, ID),
            Situation.MIGRATED),
        row(
            "offline migrated: definition moved, source kept",
            SHUT_OFF,
            stamped(DomainState.SHUT_OFF, ID),
            Situation.MIGRATED),
        row(
            "unstamped shut-off copy on destination",
            ABSENT,
            seen(DomainState.SHUT_OFF, PauseReason.NONE),
            Situation.UNKNOWN),
        row("lost: on neither host", ABSENT, ABSENT, Situation.LOST),
        row("crashed on source", CRASHED, ABSENT, Situation.UNKNOWN),
        row("crashed on destination", ABSENT, CRASHED, Situation.UNKNOWN));
  }

  private static Arguments row(
      String name, DomainObservation source, DomainObservation destination, Situation expected) {
    return Arguments.of(name, source, destination, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectureTable")
  void decidesEveryRowOfTheArchitectureTable(
      String row, DomainObservation source, DomainObservation destination, Situation expected) {
    assertEquals(expected, Reconciler.decide(source, destination, ID), row);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeRows")
  void decidesEdgeRows(
      String row, DomainObservation source, DomainObservation destination, Situation expected) {
    assertEquals(expected, Reconciler.decide(source, destination, ID), row);
  }
}
