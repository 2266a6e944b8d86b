package dev.ferry.evacuation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses a guest's destination. Pure: the same inputs give the same answer, so it runs inside the
 * workflow and replays. Each rule is one check that names why a host was passed over; a guest that
 * no host can take gets every host's reason, so an operator sees what to fix.
 */
public final class Placement {
  private Placement() {}

  /** What is already heading to each host in this evacuation. */
  public interface Load {
    /** Memory promised to guests placed on the host since the snapshot was read. */
    long committedBytes(String host);

    /** Migrations now running toward the host. */
    int inbound(String host);

    /** Anti-affinity groups placed on the host since the snapshot was read. */
    Set<String> placedGroups(String host);
  }

  /**
   * The rules of one evacuation.
   *
   * @param draining hosts being emptied: never destinations
   * @param allowed the only destinations allowed, or empty for any
   * @param maxPerDestination migrations arriving at one host at once
   * @param strategy spread or pack
   */
  public record Rules(
      Set<String> draining,
      Set<String> allowed,
      int maxPerDestination,
      PlacementStrategy strategy) {
    public Rules {
      draining = Set.copyOf(draining);
      allowed = Set.copyOf(allowed);
    }
  }

  /**
   * A placement decision: a destination, or why there is none now.
   *
   * @param destination the chosen host, or null
   * @param waitForSlot no host can take it now, but one can once a running migration ends
   * @param reason why no host was chosen, naming each host's reason; empty when one was
   */
  public record Decision(String destination, boolean waitForSlot, String reason) {
    public boolean placed() {
      return destination != null;
    }
  }

  /**
   * Chooses a destination for the guest.
   *
   * @param avoid destinations an earlier attempt of this guest failed on
   */
  public static Decision choose(
      GuestView guest, List<HostView> hosts, Load load, Rules rules, Set<String> avoid) {
    if (guest.unmovable() != null) {
      return new Decision(null, false, guest.unmovable());
    }
    List<String> reasons = new ArrayList<>();
    boolean slotLater = false;
    HostView best = null;
    long bestFree = 0;
    for (HostView host : hosts) {
      String why = refusal(guest, host, load, rules, avoid);
      long free = host.memoryFreeBytes() - load.committedBytes(host.name());
      if (why == null && guest.live() && free < guest.memoryBytes()) {
        why = "needs " + mib(guest.memoryBytes()) + ", " + mib(Math.max(0, free)) + " free";
        // Memory promised to migrations still running there comes back if one of them fails.
        slotLater |= load.inbound(host.name()) > 0;
      }
      if (why == null && load.inbound(host.name()) >= rules.maxPerDestination()) {
        why = "already receives " + load.inbound(host.name()) + " (limit per destination)";
        slotLater = true;
      }
      if (why != null) {
        reasons.add(host.name() + ": " + why);
        continue;
      }
      if (best == null || better(rules.strategy(), load, free, bestFree, host, best)) {
        best = host;
        bestFree = free;
      }
    }
    if (best != null) {
      return new Decision(best.name(), false, "");
    }
    String reason =
        reasons.isEmpty() ? "no other host in the inventory" : String.join("; ", reasons);
    return new Decision(null, slotLater, "no destination: " + reason);
  }

  /** Why the host can never take this guest in this evacuation, or null if it can. */
  private static String refusal(
      GuestView guest, HostView host, Load load, Rules rules, Set<String> avoid) {
    if (host.name().equals(guest.host()) || rules.draining().contains(host.name())) {
      return "being drained";
    }
    if (!rules.allowed().isEmpty() && !rules.allowed().contains(host.name())) {
      return "not among the destinations asked for";
    }
    if (!host.reachable()) {
      return "unreachable";
    }
    if (host.inMaintenance()) {
      return "in maintenance";
    }
    if (avoid.contains(host.name())) {
      return "an earlier attempt failed there";
    }
    if (!guest.compatibleHosts().contains(host.name())) {
      return "cannot run its CPU, architecture or hypervisor";
    }
    String group = guest.antiAffinityGroup();
    if (group != null
        && (host.antiAffinityGroups().contains(group)
            || load.placedGroups(host.name()).contains(group))) {
      return "runs another guest of anti-affinity group " + group;
    }
    return null;
  }

  /**
   * Spread takes the host receiving the fewest migrations (so that transfers do not share a
   * receiving link), then the most free memory; pack takes the least free memory that fits. Ties go
   * to the name, for determinism.
   */
  private static boolean better(
      PlacementStrategy strategy,
      Load load,
      long free,
      long bestFree,
      HostView host,
      HostView best) {
    if (strategy == PlacementStrategy.SPREAD) {
      int inbound = load.inbound(host.name());
      int bestInbound = load.inbound(best.name());
      if (inbound != bestInbound) {
        return inbound < bestInbound;
      }
    }
    if (free != bestFree) {
      return strategy == PlacementStrategy.SPREAD ? free > bestFree : free < bestFree;
    }
    return host.name().compareTo(best.name()) < 0;
  }

  private static String mib(long bytes) {
    return (bytes / (1024 * 1024)) + " MiB";
  }
}
