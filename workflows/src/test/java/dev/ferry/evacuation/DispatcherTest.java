package dev.ferry.evacuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scheduler on its own: order, limits, retries, deadline and stop, without any workflow. */
class DispatcherTest {
  static final long MIB = 1024L * 1024;

  static HostView host(String name) {
    return new HostView(name, true, false, "x86_64", "qemu", 1024 * 1024 * MIB, 1000L, List.of());
  }

  static GuestView guest(String name, String source, long memMiB, List<String> compatible) {
    return new GuestView(name, source, true, memMiB * MIB, 0, compatible, null, null);
  }

  static EvacuationRequest request(
      List<String> sources, EvacuationLimits limits, Instant deadline, int attempts, boolean stop) {
    return EvacuationRequest.builder("b1", sources)
        .destinations(List.of())
        .limits(limits)
        .deadline(deadline)
        .maxAttempts(attempts)
        .stopOnFailure(stop)
        .build();
  }

  private Tally tally;

  private Dispatcher dispatcher(
      EvacuationRequest request, List<HostView> hosts, List<GuestView> guests) {
    tally = new Tally(List.of());
    guests.forEach(tally::add);
    return new Dispatcher(request, new FleetSnapshot(hosts, guests), guests, tally);
  }

  @Test
  void largestGuestsStartFirstOnEachSource() {
    List<String> all = List.of("s1", "s2", "d1", "d2", "d3", "d4");
    List<HostView> hosts = all.stream().map(DispatcherTest::host).toList();
    List<GuestView> guests =
        List.of(
            guest("s1-small", "s1", 512, all),
            guest("s1-big", "s1", 8192, all),
            guest("s1-mid", "s1", 2048, all),
            guest("s2-mid", "s2", 4096, all),
            guest("s2-big", "s2", 16384, all));
    Dispatcher d =
        dispatcher(
            request(List.of("s1", "s2"), new EvacuationLimits(null, 1, null, null), null, 3, false),
            hosts,
            guests);

    List<String> started = d.next(0, false).stream().map(s -> s.guest().name()).toList();

    assertEquals(List.of("s2-big", "s1-big"), started);
  }

  /** Completions in random order, many times over: no limit is ever exceeded, every guest moves. */
  @ParameterizedTest(name = "parallel {0}, per source {1}, per destination {2}, budget {3}")
  @CsvSource({"5,2,2,0", "0,2,1,0", "3,3,3,900", "0,1,1,100", "7,4,2,2000"})
  void limitsAreNeverExceeded(int maxParallel, int perSource, int perDestination, long budget) {
    List<String> sources = List.of("s1", "s2", "s3");
    List<String> names = new ArrayList<>(sources);
    IntStream.rangeClosed(1, 6).forEach(i -> names.add("d" + i));
    List<HostView> hosts = names.stream().map(DispatcherTest::host).toList();
    Random random = new Random(maxParallel * 31L + perSource * 7L + perDestination + budget);
    List<GuestView> guests = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      guests.add(guest("vm" + i, sources.get(i % 3), 256 + random.nextInt(8192), names));
    }
    EvacuationLimits limits =
        new EvacuationLimits(
            maxParallel == 0 ? null : maxParallel,
            perSource,
            perDestination,
            budget == 0 ? null : budget);
    Dispatcher d = dispatcher(request(sources, limits, null, 3, false), hosts, guests);
    long now = 0;
    int maxSeen = 0;
    while (true) {
      d.next(now, false);
      Map<String, Dispatcher.Running> running = d.running();
      if (running.isEmpty()) {
        break;
      }
      maxSeen = Math.max(maxSeen, running.size());
      assertWithinLimits(running, limits, sources.size());
      List<String> names2 = new ArrayList<>(running.keySet());
      String done = names2.get(random.nextInt(names2.size()));
      d.ended(done, true, false, VmState.MIGRATED, "", 0);
      now += 1000;
    }
    assertTrue(maxSeen > 1, "ran migrations in parallel");
    assertEquals(60, tally.counts().get(VmState.MIGRATED), tally.counts().toString());
  }

  private static void assertWithinLimits(
      Map<String, Dispatcher.Running> running, EvacuationLimits limits, int sources) {
    Map<String, Integer> out = new HashMap<>();
    Map<String, Integer> in = new HashMap<>();
    long bandwidth = 0;
    for (Dispatcher.Running r : running.values()) {
      out.merge(r.guest().host(), 1, Integer::sum);
      in.merge(r.destination(), 1, Integer::sum);
      bandwidth += r.bandwidthMiBps();
    }
    if (limits.maxParallel() != null) {
      assertTrue(running.size() <= limits.maxParallel(), "parallel " + running.size());
    }
    out.values().forEach(n -> assertTrue(n <= limits.maxPerSource(), "per source " + out));
    in.values().forEach(n -> assertTrue(n <= limits.maxPerDestination(), "per destination " + in));
    if (limits.bandwidthMiBps() != null) {
      assertTrue(bandwidth <= limits.bandwidthMiBps(), "bandwidth " + bandwidth);
      assertEquals(
          limits.bandwidthShareMiBps(sources), running.values().iterator().next().bandwidthMiBps());
    }
  }

  @Test
  void failedGuestIsRetriedElsewhereThenReportedWithItsReason() {
    List<String> all = List.of("s1", "d1", "d2", "d3");
    List<HostView> hosts = all.stream().map(DispatcherTest::host).toList();
    List<GuestView> guests = List.of(guest("web", "s1", 1024, all));
    Dispatcher d = dispatcher(request(List.of("s1"), null, null, 2, false), hosts, guests);

    String first = d.next(0, false).get(0).destination();
    d.ended("web", false, true, VmState.FAILED, "to " + first + ": link died", 10);
    String second = d.next(1, false).get(0).destination();
    d.ended("web", false, true, VmState.FAILED, "to " + second + ": link died again", 10);

    assertTrue(!first.equals(second), first + " then " + second);
    assertTrue(d.next(2, false).isEmpty(), "no third attempt");
    VmReport report = tally.report("web");
    assertEquals(VmState.FAILED, report.state());
    assertEquals(2, report.attempts());
    assertEquals(List.of(first), report.tried());
    assertTrue(report.reason().contains("link died again (after 2 attempts)"), report.reason());
    assertEquals(20, report.transferredBytes());
  }

  @Test
  void guestThatWouldOverrunTheDeadlineIsNotStartedButSmallerOnesAre() {
    List<String> all = List.of("s1", "d1");
    List<HostView> hosts = all.stream().map(DispatcherTest::host).toList();
    // 1000 MiB/s link: 100 GiB needs about 133 s with the margin, 1 GiB about 6 s.
    List<GuestView> guests =
        List.of(guest("big", "s1", 100 * 1024, all), guest("small", "s1", 1024, all));
    Dispatcher d =
        dispatcher(
            request(List.of("s1"), null, Instant.ofEpochMilli(60_000), 3, false), hosts, guests);

    List<Dispatcher.Start> starts = d.next(0, false);

    assertEquals(List.of("small"), starts.stream().map(s -> s.guest().name()).toList());
    d.ended("small", true, false, VmState.MIGRATED, "", 0);
    assertTrue(d.next(1000, false).isEmpty());
    d.settleRest();
    VmReport big = tally.report("big");
    assertEquals(VmState.NOT_STARTED, big.state());
    assertTrue(
        big.reason().startsWith("would not finish before the end: needs about 13"), big.reason());
  }

  @Test
  void stopOnFailureLeavesTheRestNotStarted() {
    List<String> all = List.of("s1", "d1");
    List<HostView> hosts = all.stream().map(DispatcherTest::host).toList();
    GuestView gpu = new GuestView("gpu", "s1", true, 4096 * MIB, 0, all, null, "owns a GPU");
    List<GuestView> guests = List.of(gpu, guest("web", "s1", 1024, all));
    Dispatcher d = dispatcher(request(List.of("s1"), null, null, 3, true), hosts, guests);

    assertTrue(d.next(0, false).isEmpty());
    d.settleRest();

    assertEquals(VmState.CANNOT_MOVE, tally.report("gpu").state());
    assertEquals("owns a GPU", tally.report("gpu").reason());
    assertEquals(VmState.NOT_STARTED, tally.report("web").state());
    assertEquals("stopped because gpu could not move", tally.report("web").reason());
  }

  @Test
  void pausedDispatcherStartsNothingAndARunStopsAtItsLimit() {
    List<String> all = List.of("s1", "d1", "d2", "d3");
    List<HostView> hosts = all.stream().map(DispatcherTest::host).toList();
    List<GuestView> guests =
        IntStream.range(0, 5).mapToObj(i -> guest("vm" + i, "s1", 1024, all)).toList();
    EvacuationRequest request =
        EvacuationRequest.builder("b1", List.of("s1"))
            .limits(new EvacuationLimits(null, 5, 5, null))
            .startsPerRun(3)
            .build();
    Dispatcher d = dispatcher(request, hosts, guests);

    assertTrue(d.next(0, true).isEmpty());
    assertEquals(3, d.next(0, false).size());
    assertTrue(d.runFull());
    assertEquals(2, d.pending().size());
  }
}
