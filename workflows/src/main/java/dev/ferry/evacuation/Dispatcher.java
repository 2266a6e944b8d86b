package dev.ferry.evacuation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evacuation's scheduler: which guest starts next, where, and when. Pure and deterministic, so
 * the workflow runs it and replays it, and the benchmark drives the very same code on a virtual
 * clock.
 *
 * <p>Order: largest first (longest processing time first). Every source keeps its own link busy, so
 * the evacuation ends when the most loaded source has sent everything; what decides how close it
 * gets to that is the tail, the last migrations running while the link is no longer full. Large
 * guests first leave small ones for the tail, which keeps the link full to the end, and leaves a
 * big guest that fails time to be retried elsewhere. Within a source, guests go in that order;
 * across sources, each source fills its own slots, so no source waits behind another's big guests.
 */
public final class Dispatcher implements Placement.Load {
  /** A migration the dispatcher started. */
  public record Running(
      GuestView guest, String destination, long startedAtMillis, long bandwidthMiBps) {}

  /**
   * A migration to start now.
   *
   * @param bandwidthCapMiBps the evacuation's bandwidth share for it, or null without a budget
   * @param estimateMillis how long it is expected to take
   */
  public record Start(
      GuestView guest, String destination, Long bandwidthCapMiBps, long estimateMillis) {}

  static final Comparator<GuestView> LARGEST_FIRST =
      Comparator.comparingLong(GuestView::bytes).reversed().thenComparing(GuestView::name);

  private final EvacuationRequest request;
  private final Map<String, HostView> hosts = new LinkedHashMap<>();
  private final Placement.Rules rules;
  private final Tally tally;
  private final List<GuestView> pending = new ArrayList<>();
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final Map<String, Long> committed = new HashMap<>();
  private final Map<String, Set<String>> groups = new HashMap<>();
  private final Map<String, Integer> outbound = new HashMap<>();
  private final Map<String, Integer> inbound = new HashMap<>();
  private String stopReason;
  private int startedThisRun;

  /**
   * @param snapshot the fleet as read at the start of this run
   * @param pendingGuests guests still to move
   * @param tally every guest's report so far
   */
  public Dispatcher(
      EvacuationRequest request,
      FleetSnapshot snapshot,
      List<GuestView> pendingGuests,
      Tally tally) {
    this.request = request;
    snapshot.hosts().forEach(h -> hosts.put(h.name(), h));
    this.rules =
        new Placement.Rules(
            new HashSet<>(request.hosts()),
            new HashSet<>(request.destinations()),
            request.limits().maxPerDestination(),
            request.strategy());
    this.tally = tally;
    for (GuestView guest : pendingGuests) {
      pending.add(withGivenGroup(guest));
    }
    pending.sort(LARGEST_FIRST);
  }

  /** A guest named in a requested anti-affinity group gets that group unless labelled with one. */
  private GuestView withGivenGroup(GuestView guest) {
    if (guest.antiAffinityGroup() != null) {
      return guest;
    }
    for (int i = 0; i < request.antiAffinity().size(); i++) {
      if (request.antiAffinity().get(i).contains(guest.name())) {
        return new GuestView(
            guest.name(),
            guest.host(),
            guest.live(),
            guest.memoryBytes(),
            guest.localDiskBytes(),
            guest.compatibleHosts(),
            "group-" + (i + 1),
            guest.unmovable());
      }
    }
    return guest;
  }

  /**
   * The migrations to start now, already counted as running. Guests no host can ever take are
   * settled as {@code CANNOT_MOVE}; those that would not fit before the deadline wait, with the
   * reason, and are reported not started if nothing else lets them in.
   */
  public List<Start> next(long nowMillis, boolean paused) {
    List<Start> starts = new ArrayList<>();
    if (paused || stopReason != null || startedThisRun >= request.startsPerRun()) {
      return starts;
    }
    Long share = request.limits().bandwidthShareMiBps(request.hosts().size());
    Integer maxParallel = request.limits().maxParallel();
    for (GuestView guest : List.copyOf(pending)) {
      if (maxParallel != null && running.size() >= maxParallel) {
        break;
      }
      if (startedThisRun >= request.startsPerRun() || stopReason != null) {
        break;
      }
      if (outbound(guest.host()) >= request.limits().maxPerSource()) {
        continue;
      }
      Placement.Decision decision =
          Placement.choose(guest, List.copyOf(hosts.values()), this, rules, tally.tried(guest));
      if (!decision.placed()) {
        if (!decision.waitForSlot()) {
          pending.remove(guest);
          VmReport before = tally.report(guest.name());
          if (before.attempts() > 0) {
            settle(guest.name(), VmState.FAILED, before.reason() + "; then " + decision.reason());
          } else {
            settle(guest.name(), VmState.CANNOT_MOVE, decision.reason());
          }
        } else {
          tally.note(guest.name(), decision.reason());
        }
        continue;
      }
      Start start = startOf(guest, decision.destination(), share);
      if (request.deadline() != null
          && nowMillis + start.estimateMillis() > request.deadline().toEpochMilli()) {
        long left = Math.max(0, request.deadline().toEpochMilli() - nowMillis) / 1000;
        tally.note(
            guest.name(),
            "would not finish before the end: needs about "
                + start.estimateMillis() / 1000
                + " s, "
                + left
                + " s left");
        continue;
      }
      pending.remove(guest);
      running.put(
          guest.name(),
          new Running(
              guest,
              start.destination(),
              nowMillis,
              start.bandwidthCapMiBps() == null ? 0 : start.bandwidthCapMiBps()));
      committed.merge(start.destination(), guest.live() ? guest.memoryBytes() : 0, Long::sum);
      if (guest.antiAffinityGroup() != null) {
        groups
            .computeIfAbsent(start.destination(), h -> new HashSet<>())
            .add(guest.antiAffinityGroup());
      }
      outbound.merge(guest.host(), 1, Integer::sum);
      inbound.merge(start.destination(), 1, Integer::sum);
      startedThisRun++;
      tally.started(guest.name(), start.destination());
      starts.add(start);
    }
    return starts;
  }

  private Start startOf(GuestView guest, String destination, Long share) {
    HostView source = hosts.get(guest.host());
    HostView target = hosts.get(destination);
    long bandwidth =
        source == null
            ? target.link()
            : Estimate.bandwidthMiBps(
                source, outbound(guest.host()), target, inbound(destination), share);
    return new Start(guest, destination, share, Estimate.millis(guest.bytes(), bandwidth));
  }

  /**
   * A migration ended.
   *
   * @param migrated it runs on the destination
   * @param retry it failed in a way another destination may not repeat
   * @param state the state to settle it in when it neither migrated nor is retried
   * @param transferredBytes what it sent
   */
  public void ended(
      String vm,
      boolean migrated,
      boolean retry,
      VmState state,
      String reason,
      long transferredBytes) {
    Running run = running.remove(vm);
    if (run == null) {
      return;
    }
    outbound.merge(run.guest().host(), -1, Integer::sum);
    inbound.merge(run.destination(), -1, Integer::sum);
    tally.sent(vm, transferredBytes);
    if (migrated) {
      settle(vm, VmState.MIGRATED, "");
      return;
    }
    // It did not arrive: what it held on the destination is free again.
    committed.merge(
        run.destination(), -(run.guest().live() ? run.guest().memoryBytes() : 0), Long::sum);
    if (run.guest().antiAffinityGroup() != null) {
      groups
          .getOrDefault(run.destination(), new HashSet<>())
          .remove(run.guest().antiAffinityGroup());
    }
    int attempts = tally.report(vm).attempts();
    if (retry && stopReason == null && attempts < request.maxAttempts()) {
      tally.failedOn(vm, run.destination(), reason);
      pending.add(run.guest());
      pending.sort(LARGEST_FIRST);
      return;
    }
    String why =
        retry && attempts >= request.maxAttempts()
            ? reason + " (after " + attempts + " attempts)"
            : reason;
    settle(vm, state, why);
  }

  private void settle(String vm, VmState state, String reason) {
    tally.settle(vm, state, reason);
    boolean lost =
        state == VmState.CANNOT_MOVE || state == VmState.FAILED || state == VmState.NEEDS_ATTENTION;
    if (lost && request.stopOnFailure() && stopReason == null) {
      stop("stopped because " + vm + " could not move");
    }
  }

  /** No migration starts from now on; guests still pending will be reported with the reason. */
  public void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  /**
   * Once nothing runs and nothing can start: every pending guest is settled as not started, with
   * the last reason it waited for.
   */
  public void settleRest() {
    for (GuestView guest : pending) {
      String waited = tally.report(guest.name()).reason();
      String why = stopReason != null ? stopReason : waited;
      if (stopReason != null && !waited.isEmpty()) {
        why = stopReason + " (" + waited + ")";
      }
      tally.settle(guest.name(), VmState.NOT_STARTED, why);
    }
    pending.clear();
  }

  /** Whether this run has started as many migrations as it may (and should continue as new). */
  public boolean runFull() {
    return startedThisRun >= request.startsPerRun();
  }

  public List<GuestView> pending() {
    return List.copyOf(pending);
  }

  public Map<String, Running> running() {
    return Map.copyOf(running);
  }

  public String stopReason() {
    return stopReason;
  }

  public int outbound(String host) {
    return outbound.getOrDefault(host, 0);
  }

  @Override
  public int inbound(String host) {
    return inbound.getOrDefault(host, 0);
  }

  @Override
  public long committedBytes(String host) {
    return committed.getOrDefault(host, 0L);
  }

  @Override
  public Set<String> placedGroups(String host) {
    return groups.getOrDefault(host, Set.of());
  }
}
