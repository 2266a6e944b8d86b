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
  private static final String UUID = "6f1c1a52-3f43-4d55-9a0e-2b7c1c0d9e01";
  private static final String OTHER_UUID = "0b0e4f3c-77d2-4a59-8c51-5a6d0e9f7a12";

  private static final DomainObservation ABSENT = DomainObservation.absent();
  private static final DomainObservation RUNNING = guest(DomainState.RUNNING, PauseReason.NONE);
  private static final DomainObservation SHUT_OFF = guest(DomainState.SHUT_OFF, PauseReason.NONE);
  private static final DomainObservation RUNNING_WITH_JOB =
      observed(DomainState.RUNNING, PauseReason.NONE, true, ID, UUID);
  private static final DomainObservation PAUSED_BY_MIGRATION =
      guest(DomainState.PAUSED, PauseReason.MIGRATION);
  private static final DomainObservation PAUSED_BY_USER =
      guest(DomainState.PAUSED, PauseReason.USER);
  private static final DomainObservation POSTCOPY_FAILED =
      guest(DomainState.PAUSED, PauseReason.POSTCOPY_FAILED);
  private static final DomainObservation INCOMING = stamped(DomainState.PAUSED, ID);
  private static final DomainObservation ARRIVED = stamped(DomainState.RUNNING, ID);
  private static final DomainObservation CRASHED = guest(DomainState.CRASHED, PauseReason.NONE);

  /** The guest on its source, stamped by this migration's prepare. */
  private static DomainObservation guest(DomainState state, PauseReason reason) {
    return observed(state, reason, false, ID, UUID);
  }

  /** A copy of the guest on the destination carrying the given stamp. */
  private static DomainObservation stamped(DomainState state, String migrationId) {
    PauseReason reason = state == DomainState.PAUSED ? PauseReason.MIGRATION : PauseReason.NONE;
    return observed(state, reason, false, migrationId, UUID);
  }

  /** A domain of the same name that is another guest: another UUID, no stamp. */
  private static DomainObservation stranger(DomainState state) {
    PauseReason reason = state == DomainState.PAUSED ? PauseReason.USER : PauseReason.NONE;
    return observed(state, reason, false, null, OTHER_UUID);
  }

  private static DomainObservation observed(
      DomainState state, PauseReason reason, boolean job, String migrationId, String uuid) {
    return new DomainObservation(true, state, reason, job, migrationId, true, uuid, null);
  }

  static Stream<Arguments> architectureTable() {
    return Stream.of(
        row("running with job / paused incoming", RUNNING_WITH_JOB, INCOMING, Situation.IN_FLIGHT),
        row("running without job / absent", RUNNING, ABSENT, Situation.NOT_STARTED),
        row("shut off / running", SHUT_OFF, ARRIVED, Situation.MIGRATED),
        row("absent / running", ABSENT, ARRIVED, Situation.MIGRATED),
        row("paused (migration) / running", PAUSED_BY_MIGRATION, ARRIVED, Situation.CONFIRM_LOST),
        row(
            "paused / paused post-copy failed",
            PAUSED_BY_MIGRATION,
            POSTCOPY_FAILED,
            Situation.POSTCOPY_INTERRUPTED),
        row("running / running", RUNNING, ARRIVED, Situation.SPLIT_BRAIN));
  }

  static Stream<Arguments> edgeRows() {
    return Stream.of(
        row(
            "a running job wins over anything seen",
            RUNNING_WITH_JOB,
            ARRIVED,
            Situation.IN_FLIGHT),
        row("job active, nothing arrived yet", RUNNING_WITH_JOB, ABSENT, Situation.IN_FLIGHT),
        row(
            "an interrupted post-copy wins over the job it still shows",
            observed(DomainState.PAUSED, PauseReason.POSTCOPY_FAILED, true, ID, UUID),
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
            Situation.FOREIGN_ON_DESTINATION),
        row(
            "unstamped paused copy is not ours",
            RUNNING,
            stamped(DomainState.PAUSED, null),
            Situation.FOREIGN_ON_DESTINATION),
        row("left paused on destination on purpose", ABSENT, INCOMING, Situation.MIGRATED),
        row("source shut off, destination left paused", SHUT_OFF, INCOMING, Situation.MIGRATED),
        row(
            "source gone, unstamped paused copy",
            ABSENT,
            stamped(DomainState.PAUSED, null),
            Situation.FOREIGN_ON_DESTINATION),
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
            stamped(DomainState.SHUT_OFF, null),
            Situation.FOREIGN_ON_DESTINATION),
        row("lost: on neither host", ABSENT, ABSENT, Situation.LOST),
        row("crashed on source", CRASHED, ABSENT, Situation.UNKNOWN),
        row(
            "crashed on destination",
            ABSENT,
            observed(DomainState.CRASHED, PauseReason.NONE, false, ID, UUID),
            Situation.UNKNOWN));
  }

  /** Rows where a name alone would mislead: each reads the UUID and the stamp. */
  static Stream<Arguments> identityRows() {
    return Stream.of(
        row(
            "running namesake on the destination is not a split brain",
            RUNNING,
            stranger(DomainState.RUNNING),
            Situation.FOREIGN_ON_DESTINATION),
        row(
            "source gone, a namesake runs on the destination: not migrated",
            ABSENT,
            stranger(DomainState.RUNNING),
            Situation.FOREIGN_ON_DESTINATION),
        row(
            "paused guest, a namesake runs on the destination: not a lost confirm",
            PAUSED_BY_USER,
            stranger(DomainState.RUNNING),
            Situation.FOREIGN_ON_DESTINATION),
        row(
            "our stamp on a domain with another UUID is not ours",
            RUNNING,
            observed(DomainState.RUNNING, PauseReason.NONE, false, ID, OTHER_UUID),
            Situation.FOREIGN_ON_DESTINATION),
        row(
            "an unstamped running copy of the guest is not the migrated guest",
            ABSENT,
            stamped(DomainState.RUNNING, null),
            Situation.FOREIGN_ON_DESTINATION),
        row(
            "paused source this migration never stamped is not destroyed as a lost confirm",
            observed(DomainState.PAUSED, PauseReason.MIGRATION, false, OTHER_ID, UUID),
            ARRIVED,
            Situation.UNKNOWN),
        row(
            "the source's name now belongs to another guest: the migrated guest is ours",
            stranger(DomainState.RUNNING),
            ARRIVED,
            Situation.MIGRATED),
        row(
            "the source's name belongs to another guest and nothing arrived",
            stranger(DomainState.RUNNING),
            ABSENT,
            Situation.LOST),
        row(
            "source paused in post-copy without a job keeps pages the destination needs",
            guest(DomainState.PAUSED, PauseReason.POSTCOPY),
            ARRIVED,
            Situation.POSTCOPY_INTERRUPTED),
        row(
            "a namesake's own failed post-copy is not ours to resume",
            RUNNING,
            observed(DomainState.PAUSED, PauseReason.POSTCOPY_FAILED, false, null, OTHER_UUID),
            Situation.FOREIGN_ON_DESTINATION));
  }

  private static Arguments row(
      String name, DomainObservation source, DomainObservation destination, Situation expected) {
    return Arguments.of(name, source, destination, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectureTable")
  void decidesEveryRowOfTheArchitectureTable(
      String row, DomainObservation source, DomainObservation destination, Situation expected) {
    assertEquals(expected, Reconciler.decide(source, destination, ID, UUID), row);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeRows")
  void decidesEdgeRows(
      String row, DomainObservation source, DomainObservation destination, Situation expected) {
    assertEquals(expected, Reconciler.decide(source, destination, ID, UUID), row);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("identityRows")
  void decidesByIdentityNotName(
      String row, DomainObservation source, DomainObservation destination, Situation expected) {
    assertEquals(expected, Reconciler.decide(source, destination, ID, UUID), row);
  }
}
