package dev.ferry.bench;

import dev.ferry.evacuation.Dispatcher;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.FleetSnapshot;
import dev.ferry.evacuation.GuestView;
import dev.ferry.evacuation.HostView;
import dev.ferry.evacuation.Tally;
import dev.ferry.evacuation.VmState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who decides which migration starts when and where: ferry's dispatcher, or a baseline. */
final class Policies {
  private Policies() {}

  /** A migration to start. */
  record Launch(String vm, String destination, Long capMiBps) {}

  interface Policy {
    String name();

    List<Launch> next(double nowSeconds);

    void ended(String vm, long sentBytes);
  }

  /** ferry: the evacuation workflow's own {@link Dispatcher}, with the workflow's defaults. */
  static Policy ferry(BenchFleet fleet, EvacuationLimits limits) {
    EvacuationRequest request =
        EvacuationRequest.builder("bench", fleet.drained).limits(limits).build();
    List<GuestView> guests = fleet.guestViews();
    Tally tally = new Tally(List.of());
    guests.forEach(tally::add);
    Dispatcher dispatcher =
        new Dispatcher(request, new FleetSnapshot(fleet.hostViews(), guests), guests, tally);
    return new Policy() {
      @Override
      public String name() {
        return "ferry";
      }

      @Override
      public List<Launch> next(double now) {
        return dispatcher.next((long) (now * 1000), false).stream()
            .map(s -> new Launch(s.guest().name(), s.destination(), s.bandwidthCapMiBps()))
            .toList();
      }

      @Override
      public void ended(String vm, long sent) {
        dispatcher.ended(vm, true, false, VmState.MIGRATED, "", sent);
      }
    };
  }

  /**
   * A fixed-limit loop in listing order: at most {@code perCluster} at once (0: no limit) and
   * {@code perSource} leaving one host, each to the compatible host with the most free memory (as
   * Nova's RAM weigher and the Kubernetes scheduler's least-allocated score pick).
   */
  static Policy fixed(String name, BenchFleet fleet, int perCluster, int perSource) {
    List<GuestView> queue = new ArrayList<>(fleet.guestViews());
    queue.sort(Comparator.comparing(GuestView::name));
    Map<String, Long> free = new LinkedHashMap<>();
    for (HostView h : fleet.hostViews()) {
      free.put(h.name(), h.memoryFreeBytes());
    }
    Map<String, Integer> outbound = new HashMap<>();
    Map<String, GuestView> running = new HashMap<>();
    return new Policy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Launch> next(double now) {
        List<Launch> starts = new ArrayList<>();
        for (GuestView g : List.copyOf(queue)) {
          if (perCluster > 0 && running.size() >= perCluster) {
            break;
          }
          if (outbound.getOrDefault(g.host(), 0) >= perSource) {
            continue;
          }
          String best = null;
          for (String host : g.compatibleHosts()) {
            if (fleet.drained.contains(host) || free.get(host) < g.memoryBytes()) {
              continue;
            }
            if (best == null || free.get(host) > free.get(best)) {
              best = host;
            }
          }
          queue.remove(g);
          free.merge(best, -g.memoryBytes(), Long::sum);
          outbound.merge(g.host(), 1, Integer::sum);
          running.put(g.name(), g);
          starts.add(new Launch(g.name(), best, null));
        }
        return starts;
      }

      @Override
      public void ended(String vm, long sent) {
        GuestView g = running.remove(vm);
        outbound.merge(g.host(), -1, Integer::sum);
      }
    };
  }
}
