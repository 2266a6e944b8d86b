package dev.ferry.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.convergence.ConvergencePolicy;
import dev.ferry.convergence.ConvergencePresets;
import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.reconcile.DomainState;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Options that are fine on their own but do not fit the guest's state or disks. */
class OptionRefusalTest {
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

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(
            "live on a shut-off guest",
            options(b -> b.mode(MigrationMode.LIVE)),
            DomainState.SHUT_OFF,
            List.of(SHARED),
            "live migration needs a running or paused guest, but it is shut off"),
        refusal(
            "offline on a running guest",
            options(b -> b.mode(MigrationMode.OFFLINE)),
            DomainState.RUNNING,
            List.of(SHARED),
            "offline migration needs a shut-off guest, but it is running"),
        refusal(
            "unknown disk name",
            options(b -> b.disks(List.of("vdz"))),
            DomainState.RUNNING,
            List.of(SHARED, LOCAL),
            "disk 'vdz' is not a disk of this guest"),
        refusal(
            "shared disk listed for copy",
            options(b -> b.disks(List.of("vda"))),
            DomainState.RUNNING,
            List.of(SHARED),
            "disk vda is shared with the destination"),
        refusal(
            "local disk with storage copy none",
            options(b -> b.storageCopy(StorageCopy.NONE)),
            DomainState.RUNNING,
            List.of(SHARED, LOCAL),
            "disk vdb (/images/vdb.qcow2) is not visible on the destination"),
        refusal(
            "local disk left out of the listed disks",
            options(b -> b.disks(List.of("vdb"))),
            DomainState.RUNNING,
            List.of(LOCAL, LOCAL_TOO),
            "disk vdc (/images/vdc.qcow2) is not visible on the destination"),
        refusal(
            "local disk offline",
            MigrationOptions.defaults(),
            DomainState.SHUT_OFF,
            List.of(SHARED, LOCAL),
            "disk vdb is local to the source and an offline migration cannot copy it"),
        refusal(
            "live-only option on a guest AUTO moves offline",
            options(b -> b.allowPostcopy(true)),
            DomainState.SHUT_OFF,
            List.of(SHARED),
            "offline migration cannot use post-copy"),
        refusal(
            "tunnelled with local disks AUTO would copy",
            options(b -> b.tunnelled(true)),
            DomainState.RUNNING,
            List.of(SHARED, LOCAL),
            "tunnelled migration cannot copy disks, but disks [vdb] are not visible on the"
                + " destination: drop --tunnelled or share them with it"),
        refusal(
            "tunnelled with a post-copy policy on a guest AUTO moves live",
            options(b -> b.tunnelled(true).convergence(ALLOW_POSTCOPY)),
            DomainState.RUNNING,
            List.of(SHARED),
            "tunnelled migration cannot switch to post-copy: drop --tunnelled or --convergence"
                + " allow-postcopy"),
        refusal(
            "paused with a post-copy policy on a guest AUTO moves live",
            options(b -> b.pausedOnDestination(true).convergence(ALLOW_POSTCOPY)),
            DomainState.PAUSED,
            List.of(SHARED),
            "cannot be left paused there: drop --paused or --convergence allow-postcopy"));
  }

  private static Arguments refusal(
      String name, MigrationOptions o, DomainState state, List<DiskPlan> disks, String message) {
    return Arguments.of(name, o, state, disks, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesOptionsThatDoNotFitTheGuest(
      String name, MigrationOptions o, DomainState state, List<DiskPlan> disks, String message) {
    FerryException e =
        assertThrows(FerryException.class, () -> OptionRules.resolve(o, state, disks), name);
    assertEquals(FailureType.INVALID_OPTIONS, e.type());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
