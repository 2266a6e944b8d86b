package dev.ferry.evacuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Placement rules as a table: each row a fleet, a guest, and the host chosen or the reason. */
class PlacementTest {
  static final long GIB = 1024L * 1024 * 1024;

  static HostView host(String name, long freeGiB) {
    return new HostView(name, true, false, "x86_64", "qemu", freeGiB * GIB, null, List.of());
  }

  static GuestView guest(String name, long memGiB, String... compatible) {
    return new GuestView(name, "src", true, memGiB * GIB, 0, List.of(compatible), null, null);
  }

  /** A load table: committed GiB and inbound count per host, groups placed per host. */
  static final class FakeLoad implements Placement.Load {
    final Map<String, Long> committed = new HashMap<>();
    final Map<String, Integer> inbound = new HashMap<>();
    final Map<String, Set<String>> groups = new HashMap<>();

    @Override
    public long committedBytes(String host) {
      return committed.getOrDefault(host, 0L) * GIB;
    }

    @Override
    public int inbound(String host) {
      return inbound.getOrDefault(host, 0);
    }

    @Override
    public Set<String> placedGroups(String host) {
      return groups.getOrDefault(host, Set.of());
    }
  }

  static Placement.Rules rules(PlacementStrategy strategy, String... allowed) {
    return new Placement.Rules(Set.of("src"), Set.of(allowed), 2, strategy);
  }

  static Stream<Arguments> table() {
    HostView a = host("a", 16);
    HostView b = host("b", 32);
    HostView c = host("c", 8);
    HostView maint = new HostView("m", true, true, "x86_64", "qemu", 64 * GIB, null, List.of());
    HostView down = new HostView("d", false, false, null, null, 0, null, List.of());
    HostView grouped =
        new HostView("g", true, false, "x86_64", "qemu", 64 * GIB, null, List.of("db"));
    FakeLoad none = new FakeLoad();
    FakeLoad bFull = new FakeLoad();
    bFull.committed.put("b", 30L);
    FakeLoad bBusy = new FakeLoad();
    bBusy.inbound.put("b", 2);
    FakeLoad aReceiving = new FakeLoad();
    aReceiving.inbound.put("a", 1);
    FakeLoad dbOnA = new FakeLoad();
    dbOnA.groups.put("a", Set.of("db"));
    GuestView web = guest("web", 4, "a", "b", "c", "m", "d", "g");
    GuestView db =
        new GuestView("db2", "src", true, 4 * GIB, 0, List.of("a", "b", "g"), "db", null);
    return Stream.of(
        Arguments.of(
            "spread takes most free",
            List.of(a, b, c),
            web,
            none,
            rules(PlacementStrategy.SPREAD),
            Set.of(),
            "b"),
        Arguments.of(
            "pack takes least free that fits",
            List.of(a, b, c),
            web,
            none,
            rules(PlacementStrategy.PACK),
            Set.of(),
            "c"),
        Arguments.of(
            "pack skips what does not fit",
            List.of(a, b, c),
            guest("big", 12, "a", "b", "c"),
            none,
            rules(PlacementStrategy.PACK),
            Set.of(),
            "a"),
        Arguments.of(
            "memory promised to earlier guests counts",
            List.of(a, b),
            web,
            bFull,
            rules(PlacementStrategy.SPREAD),
            Set.of(),
            "a"),
        Arguments.of(
            "destination at its limit is skipped",
            List.of(a, b),
            web,
            bBusy,
            rules(PlacementStrategy.SPREAD),
            Set.of(),
            "a"),
        Arguments.of(
            "spread prefers a host receiving nothing",
            List.of(a, b),
            web,
            aReceiving,
            rules(PlacementStrategy.SPREAD),
            Set.of(),
            "b"),
        Arguments.of(
            "maintenance and unreachable hosts excluded",
            List.of(maint, down, c),
            web,
            none,
            rules(PlacementStrategy.SPREAD),
            Set.of(),
            "c"),
        Arguments.of(
            "only compatible CPUs",
            List.of(a, b, c),
            guest("old", 1, "c"),
            none,
            rules(PlacementStrategy.SPREAD),
            Set.of(),
            "c"),
        Arguments.of(
            "only the destinations asked for",
            List.of(a, b, c),
            web,
            none,
            rules(PlacementStrategy.SPREAD, "a", "c"),
            Set.of(),
            "a"),
        Arguments.of(
            "a failed destination is avoided",
            List.of(a, b, c),
            web,
            none,
            rules(PlacementStrategy.SPREAD),
            Set.of("b"),
            "a"),
        Arguments.of(
            "anti-affinity: host running the group excluded",
            List.of(grouped, a),
            db,
            none,
            rules(PlacementStrategy.SPREAD),
            Set.of(),
            "a"),
        Arguments.of(
            "anti-affinity: group placed in this evacuation",
            List.of(a, b),
            db,
            dbOnA,
            rules(PlacementStrategy.PACK),
            Set.of(),
            "b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void choosesTheExpectedDestination(
      String why,
      List<HostView> hosts,
      GuestView guest,
      FakeLoad load,
      Placement.Rules rules,
      Set<String> avoid,
      String expected) {
    Placement.Decision decision = Placement.choose(guest, hosts, load, rules, avoid);
    assertEquals(expected, decision.destination(), decision.reason());
    assertEquals("", decision.reason());
  }

  @org.junit.jupiter.api.Test
  void guestNoHostCanTakeGetsEveryHostsReason() {
    HostView maint = new HostView("m", true, true, "x86_64", "qemu", 64 * GIB, null, List.of());
    Placement.Decision decision =
        Placement.choose(
            guest("huge", 100, "a", "m"),
            List.of(host("a", 16), maint, host("c", 64)),
            new FakeLoad(),
            rules(PlacementStrategy.SPREAD),
            Set.of());
    assertFalse(decision.placed());
    assertFalse(decision.waitForSlot());
    assertTrue(
        decision.reason().contains("a: needs 102400 MiB, 16384 MiB free"), decision.reason());
    assertTrue(decision.reason().contains("m: in maintenance"), decision.reason());
    assertTrue(decision.reason().contains("c: cannot run its CPU"), decision.reason());
  }

  @org.junit.jupiter.api.Test
  void guestWaitsWhenOnlyLimitsStandInTheWay() {
    FakeLoad load = new FakeLoad();
    load.inbound.put("a", 2);
    Placement.Decision decision =
        Placement.choose(
            guest("web", 1, "a"),
            List.of(host("a", 16)),
            load,
            rules(PlacementStrategy.SPREAD),
            Set.of());
    assertFalse(decision.placed());
    assertTrue(decision.waitForSlot(), decision.reason());
  }

  @org.junit.jupiter.api.Test
  void unmovableGuestIsRefusedWithItsReason() {
    GuestView gpu =
        new GuestView("gpu", "src", true, GIB, 0, List.of("a"), null, "owns host device pci_0");
    Placement.Decision decision =
        Placement.choose(
            gpu, List.of(host("a", 16)), new FakeLoad(), rules(PlacementStrategy.SPREAD), Set.of());
    assertEquals("owns host device pci_0", decision.reason());
    assertFalse(decision.waitForSlot());
  }
}
