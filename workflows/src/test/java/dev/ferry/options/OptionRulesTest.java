package dev.ferry.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.convergence.ConvergencePolicy;
import dev.ferry.convergence.ConvergencePresets;
import dev.ferry.disk.DiskPlan;
import dev.ferry.reconcile.DomainState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Option combinations, defaults, flags and refusals, as tables. */
class OptionRulesTest {
  private static final DiskPlan SHARED = disk("vda", true);
  private static final DiskPlan LOCAL = disk("vdb", false);
  private static final DiskPlan LOCAL_TOO = disk("vdc", false);

  private static final ConvergencePolicy ALLOW_POSTCOPY =
      ConvergencePresets.named("allow-postcopy");

  private static DiskPlan disk(String target, boolean shared) {
    return new DiskPlan(target, "/images/" + target + ".qcow2", "qcow2", 1L << 30, shared, false);
  }

  private static MigrationOptions options(UnaryOperator<MigrationOptions.Builder> set) {
    return set.apply(MigrationOptions.builder()).build();
  }

  private static MigrationOptions.Builder offline(MigrationOptions.Builder b) {
    return b.mode(MigrationMode.OFFLINE);
  }

  static Stream<Arguments> conflicts() {
    return Stream.of(
        conflict(
            "offline + post-copy", b -> offline(b).allowPostcopy(true), "offline", "post-copy"),
        conflict(
            "offline + auto-converge",
            b -> offline(b).autoConverge(true),
            "offline",
            "auto-converge"),
        conflict(
            "offline + compression",
            b -> offline(b).compression(Compression.XBZRLE),
            "offline",
            "compression"),
        conflict(
            "offline + parallel", b -> offline(b).parallelConnections(4), "offline", "parallel"),
        conflict(
            "offline without persist",
            b -> offline(b).persistDestination(false),
            "offline",
            "persist"),
        conflict(
            "offline + paused", b -> offline(b).pausedOnDestination(true), "offline", "paused"),
        conflict(
            "offline + storage copy all",
            b -> offline(b).storageCopy(StorageCopy.ALL),
            "offline",
            "storage"),
        conflict(
            "offline + storage copy incremental",
            b -> offline(b).storageCopy(StorageCopy.INCREMENTAL),
            "offline",
            "storage"),
        conflict(
            "tunnelled without p2p",
            b -> b.tunnelled(true).peerToPeer(false),
            "tunnelled",
            "peer-to-peer"),
        conflict(
            "tunnelled + parallel",
            b -> b.tunnelled(true).parallelConnections(4),
            "tunnelled",
            "parallel"),
        conflict("tunnelled + tls", b -> b.tunnelled(true).tls(true), "tunnelled", "TLS"),
        conflict(
            "tunnelled + uri",
            b -> b.tunnelled(true).migrationUri("tcp://10.0.0.2"),
            "tunnelled",
            "--uri"),
        conflict(
            "tunnelled + storage copy all",
            b -> b.tunnelled(true).storageCopy(StorageCopy.ALL),
            "--tunnelled",
            "--storage-copy all"),
        conflict(
            "tunnelled + storage copy incremental",
            b -> b.tunnelled(true).storageCopy(StorageCopy.INCREMENTAL),
            "--tunnelled",
            "--storage-copy incremental"),
        conflict(
            "tunnelled + post-copy",
            b -> b.tunnelled(true).allowPostcopy(true),
            "--tunnelled",
            "--postcopy"),
        conflict(
            "tunnelled + live with a post-copy policy",
            b -> b.tunnelled(true).mode(MigrationMode.LIVE).convergence(ALLOW_POSTCOPY),
            "--tunnelled",
            "--convergence allow-postcopy"),
        conflict(
            "paused + post-copy",
            b -> b.pausedOnDestination(true).allowPostcopy(true),
            "--paused",
            "--postcopy"),
        conflict(
            "paused + live with a post-copy policy",
            b -> b.pausedOnDestination(true).mode(MigrationMode.LIVE).convergence(ALLOW_POSTCOPY),
            "--paused",
            "--convergence allow-postcopy"),
        conflict("zlib without parallel", b -> b.compression(Compression.ZLIB), "zlib", "parallel"),
        conflict("zstd without parallel", b -> b.compression(Compression.ZSTD), "zstd", "parallel"),
        conflict(
            "disks with storage copy none",
            b -> b.storageCopy(StorageCopy.NONE).disks(List.of("vdb")),
            "vdb",
            "storage copy is none"));
  }

  private static Arguments conflict(
      String name, UnaryOperator<MigrationOptions.Builder> set, String... named) {
    return Arguments.of(name, options(set), List.of(named));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conflicts")
  void reportsConflictNamingBothOptions(String name, MigrationOptions o, List<String> named) {
    List<String> problems = OptionRules.conflicts(o);

    assertEquals(1, problems.size(), name + ": " + problems);
    for (String option : named) {
      assertTrue(problems.get(0).contains(option), problems.get(0) + " should name " + option);
    }
  }

  @Test
  void findsNoConflictInDefaultsOrSensibleCombinations() {
    assertEquals(List.of(), OptionRules.conflicts(MigrationOptions.defaults()));
    assertEquals(
        List.of(),
        OptionRules.conflicts(
            options(b -> b.compression(Compression.ZSTD).parallelConnections(4).tls(true))));
    assertEquals(List.of(), OptionRules.conflicts(options(b -> b.tunnelled(true))));
  }

  static Stream<Arguments> acceptedAlone() {
    return Stream.of(
        accepted("tunnelled", b -> b.tunnelled(true)),
        accepted("storage copy all", b -> b.storageCopy(StorageCopy.ALL)),
        accepted("storage copy incremental", b -> b.storageCopy(StorageCopy.INCREMENTAL)),
        accepted("post-copy", b -> b.allowPostcopy(true)),
        accepted(
            "live with a post-copy policy",
            b -> b.mode(MigrationMode.LIVE).convergence(ALLOW_POSTCOPY)),
        accepted("paused", b -> b.pausedOnDestination(true)),
        accepted(
            "tunnelled with a post-copy policy, live or offline as the guest's state says",
            b -> b.tunnelled(true).convergence(ALLOW_POSTCOPY)));
  }

  private static Arguments accepted(String name, UnaryOperator<MigrationOptions.Builder> set) {
    return Arguments.of(name, options(set));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedAlone")
  void acceptsEachOptionOfARefusedCombinationAlone(String name, MigrationOptions o) {
    assertEquals(List.of(), OptionRules.conflicts(o), name);
  }

  @Test
  void listsEveryConflictAtOnce() {
    MigrationOptions o =
        options(b -> offline(b).allowPostcopy(true).autoConverge(true).tunnelled(true).tls(true));
    assertEquals(4, OptionRules.conflicts(o).size(), OptionRules.conflicts(o).toString());
  }

  @Test
  void defaultsFillEveryUnsetOption() {
    MigrationOptions o = MigrationOptions.defaults();
    assertEquals(MigrationMode.AUTO, o.mode());
    assertTrue(o.peerToPeer());
    assertTrue(o.persistDestination());
    assertTrue(o.undefineSource());
    assertEquals(StorageCopy.AUTO, o.storageCopy());
    assertEquals(Compression.NONE, o.compression());
    assertEquals(List.of(), o.disks());
    assertFalse(o.tunnelled());
  }

  @Test
  void emptyOptionsMigrateRunningOrPausedGuestLive() {
    List<MigrationFlag> live =
        List.of(
            MigrationFlag.LIVE,
            MigrationFlag.PEER_TO_PEER,
            MigrationFlag.PERSIST_DEST,
            MigrationFlag.UNDEFINE_SOURCE,
            MigrationFlag.CHANGE_PROTECTION,
            MigrationFlag.ABORT_ON_ERROR);
    for (DomainState state : List.of(DomainState.RUNNING, DomainState.PAUSED)) {
      ResolvedOptions r = OptionRules.resolve(MigrationOptions.defaults(), state, List.of(SHARED));
      assertTrue(r.live(), state.name());
      assertEquals(live, r.flags(), state.name());
      assertEquals(List.of(), r.disksToCopy());
    }
  }

  @Test
  void emptyOptionsMoveShutOffGuestOffline() {
    ResolvedOptions r =
        OptionRules.resolve(MigrationOptions.defaults(), DomainState.SHUT_OFF, List.of(SHARED));
    assertFalse(r.live());
    assertEquals(
        List.of(
            MigrationFlag.OFFLINE,
            MigrationFlag.PEER_TO_PEER,
            MigrationFlag.PERSIST_DEST,
            MigrationFlag.UNDEFINE_SOURCE),
        r.flags());
  }

  @Test
  void tunnelledMigrationOfAGuestWithOnlySharedDisksCopiesNothing() {
    ResolvedOptions r =
        OptionRules.resolve(options(b -> b.tunnelled(true)), DomainState.RUNNING, List.of(SHARED));
    assertTrue(r.has(MigrationFlag.TUNNELLED));
    assertEquals(List.of(), r.disksToCopy());
  }

  @Test
  void autoStorageCopyCopiesExactlyTheNonSharedDisks() {
    ResolvedOptions r =
        OptionRules.resolve(
            MigrationOptions.defaults(), DomainState.RUNNING, List.of(SHARED, LOCAL, LOCAL_TOO));
    assertEquals(List.of("vdb", "vdc"), r.disksToCopy());
    assertTrue(r.has(MigrationFlag.NON_SHARED_DISK));
    assertFalse(r.has(MigrationFlag.NON_SHARED_INC));
  }

  static Stream<Arguments> flags() {
    return Stream.of(
        flag(MigrationFlag.LIVE, b -> b.mode(MigrationMode.LIVE), DomainState.RUNNING),
        flag(MigrationFlag.OFFLINE, b -> b.mode(MigrationMode.OFFLINE), DomainState.SHUT_OFF),
        flag(MigrationFlag.PEER_TO_PEER, b -> b.peerToPeer(true), DomainState.RUNNING),
        flag(MigrationFlag.TUNNELLED, b -> b.tunnelled(true), DomainState.RUNNING),
        flag(MigrationFlag.PERSIST_DEST, b -> b.persistDestination(true), DomainState.RUNNING),
        flag(MigrationFlag.UNDEFINE_SOURCE, b -> b.undefineSource(true), DomainState.RUNNING),
        flag(MigrationFlag.PAUSED, b -> b.pausedOnDestination(true), DomainState.RUNNING),
        flag(
            MigrationFlag.NON_SHARED_DISK,
            b -> b.storageCopy(StorageCopy.ALL),
            DomainState.RUNNING),
        flag(
            MigrationFlag.NON_SHARED_INC,
            b -> b.storageCopy(StorageCopy.INCREMENTAL),
            DomainState.RUNNING),
        flag(MigrationFlag.CHANGE_PROTECTION, b -> b, DomainState.RUNNING),
        flag(MigrationFlag.AUTO_CONVERGE, b -> b.autoConverge(true), DomainState.RUNNING),
        flag(MigrationFlag.POSTCOPY, b -> b.allowPostcopy(true), DomainState.RUNNING),
        flag(
            MigrationFlag.POSTCOPY,
            b -> b.convergence(ConvergencePresets.named("allow-postcopy")),
            DomainState.RUNNING),
        flag(MigrationFlag.COMPRESSED, b -> b.compression(Compression.XBZRLE), DomainState.RUNNING),
        flag(MigrationFlag.PARALLEL, b -> b.parallelConnections(8), DomainState.RUNNING),
        flag(MigrationFlag.TLS, b -> b.tls(true), DomainState.RUNNING),
        flag(MigrationFlag.ABORT_ON_ERROR, b -> b, DomainState.PAUSED));
  }

  private static Arguments flag(
      MigrationFlag flag, UnaryOperator<MigrationOptions.Builder> set, DomainState state) {
    return Arguments.of(flag, options(set), state);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void resolvesOptionIntoItsFlag(MigrationFlag flag, MigrationOptions o, DomainState state) {
    List<DiskPlan> disks =
        flag == MigrationFlag.NON_SHARED_DISK || flag == MigrationFlag.NON_SHARED_INC
            ? List.of(SHARED, LOCAL)
            : List.of(SHARED);
    assertTrue(OptionRules.resolve(o, state, disks).has(flag), flag.name());
  }

  @Test
  void flagTableCoversEveryFlag() {
    Set<MigrationFlag> covered = EnumSet.noneOf(MigrationFlag.class);
    flags().forEach(row -> covered.add((MigrationFlag) row.get()[0]));
    assertEquals(EnumSet.allOf(MigrationFlag.class), covered);
  }

  static Stream<Arguments> flagsLeftOut() {
    return Stream.of(
        Arguments.of(MigrationFlag.PEER_TO_PEER, options(b -> b.peerToPeer(false))),
        Arguments.of(MigrationFlag.PERSIST_DEST, options(b -> b.persistDestination(false))),
        Arguments.of(MigrationFlag.UNDEFINE_SOURCE, options(b -> b.undefineSource(false))),
        Arguments.of(MigrationFlag.NON_SHARED_DISK, MigrationOptions.defaults()),
        Arguments.of(MigrationFlag.POSTCOPY, MigrationOptions.defaults()),
        Arguments.of(MigrationFlag.COMPRESSED, options(b -> b.compression(Compression.NONE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flagsLeftOut")
  void leavesFlagOutWhenItsOptionIsOff(MigrationFlag flag, MigrationOptions o) {
    assertFalse(OptionRules.resolve(o, DomainState.RUNNING, List.of(SHARED)).has(flag));
  }

  @Test
  void convergencePolicyAllowingPostcopyNeitherFlagsNorRefusesOfflineMigration() {
    MigrationOptions o = options(b -> b.convergence(ConvergencePresets.named("allow-postcopy")));

    ResolvedOptions resolved = OptionRules.resolve(o, DomainState.SHUT_OFF, List.of(SHARED));

    assertFalse(resolved.live());
    assertFalse(resolved.has(MigrationFlag.POSTCOPY));
  }
}
