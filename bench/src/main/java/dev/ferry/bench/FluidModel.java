package dev.ferry.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A virtual clock over the fleet's links, for the benchmark: every host has a link of its own
 * bandwidth in each direction, shared max-min fairly by the transfers on it (each also held to its
 * bandwidth cap). A migration spends a fixed time on check and prepare, then sends its copied disks
 * and its memory in pre-copy passes (each pass resends what the guest dirtied meanwhile, up to its
 * working set) until the last dirty set fits the allowed downtime (raised, then auto-converge, as
 * ferry's default convergence policy does), then a fixed time on finish and confirm. The same model
 * the simulated driver uses, advanced from event to event instead of in real time, so a
 * thousand-guest evacuation is measured in milliseconds.
 */
final class FluidModel {
  /** Check and prepare before the transfer: about what they take on real hosts. */
  static final double SETUP_SECONDS = 1.5;

  /** Switch-over, finish and confirm. */
  static final double FINISH_SECONDS = 1.0;

  static final double MAX_DOWNTIME_SECONDS = 0.3;
  private static final double EPSILON = 1e-9;

  private enum Stage {
    SETUP,
    TRANSFER,
    FINISH
  }

  private static final class Flow {
    final BenchFleet.Vm vm;
    final String source;
    final String destination;
    final double cap;
    Stage stage = Stage.SETUP;
    double stageLeft = SETUP_SECONDS;
    double diskLeft;
    double passLeft;
    double dirtied;
    double sent;
    double rate;
    int pass = 1;
    double throttle;

    Flow(BenchFleet.Vm vm, String destination, Long capMiBps) {
      this.vm = vm;
      this.source = vm.host();
      this.destination = destination;
      this.cap = capMiBps == null ? Double.MAX_VALUE : capMiBps;
      this.diskLeft = vm.localDiskMiB();
      this.passLeft = vm.running() ? vm.memoryMiB() : 0;
    }
  }

  /** A migration that ended, with what it sent in bytes. */
  record Ended(String vm, long sentBytes) {}

  private final Map<String, Double> links = new HashMap<>();
  private final Map<String, Flow> flows = new LinkedHashMap<>();
  private double now;

  FluidModel(BenchFleet fleet) {
    fleet.hosts.forEach(h -> links.put(h.name(), (double) h.linkMiBps()));
  }

  double now() {
    return now;
  }

  int active() {
    return flows.size();
  }

  /** Running migrations leaving and arriving at each host, for the limit checks. */
  Map<String, Integer> outbound() {
    Map<String, Integer> out = new HashMap<>();
    flows.values().forEach(f -> out.merge(f.source, 1, Integer::sum));
    return out;
  }

  Map<String, Integer> inbound() {
    Map<String, Integer> in = new HashMap<>();
    flows.values().forEach(f -> in.merge(f.destination, 1, Integer::sum));
    return in;
  }

  void start(BenchFleet.Vm vm, String destination, Long capMiBps) {
    flows.put(vm.name(), new Flow(vm, destination, capMiBps));
  }

  /** Advances to the next moment a migration changes stage; returns those that ended. */
  List<Ended> step() {
    allocate();
    double dt = Double.MAX_VALUE;
    for (Flow f : flows.values()) {
      dt = Math.min(dt, timeToEvent(f));
    }
    now += dt;
    List<Ended> ended = new ArrayList<>();
    for (Flow f : List.copyOf(flows.values())) {
      if (advance(f, dt)) {
        flows.remove(f.vm.name());
        ended.add(new Ended(f.vm.name(), (long) (f.sent * BenchFleet.MIB)));
      }
    }
    return ended;
  }

  private static double timeToEvent(Flow f) {
    if (f.stage != Stage.TRANSFER) {
      return f.stageLeft;
    }
    double left = f.diskLeft > EPSILON ? f.diskLeft : f.passLeft;
    return left <= EPSILON ? 0 : left / f.rate;
  }

  /** Returns true when the flow's migration ended. */
  private boolean advance(Flow f, double dt) {
    if (f.stage != Stage.TRANSFER) {
      f.stageLeft -= dt;
      if (f.stageLeft > EPSILON) {
        return false;
      }
      if (f.stage == Stage.FINISH) {
        return true;
      }
      f.stage = Stage.TRANSFER;
      return false;
    }
    double budget = f.rate * dt;
    if (f.diskLeft > 0) {
      double sent = Math.min(budget, f.diskLeft);
      f.diskLeft -= sent;
      f.sent += sent;
      budget -= sent;
      dt = f.rate > 0 ? budget / f.rate : 0;
    }
    if (f.diskLeft > EPSILON) {
      return false;
    }
    // Rounding leaves crumbs of a finished disk: it is done.
    f.diskLeft = 0;
    f.dirtied =
        Math.min(
            (double) f.vm.workingSetMiB(), f.dirtied + f.vm.dirtyMiBps() * (1 - f.throttle) * dt);
    double sent = Math.min(budget, f.passLeft);
    f.passLeft -= sent;
    f.sent += sent;
    if (f.passLeft > EPSILON) {
      return false;
    }
    if (!f.vm.running() || f.dirtied / f.rate <= maxDowntime(f.pass)) {
      f.sent += f.vm.running() ? f.dirtied : 0;
      f.stage = Stage.FINISH;
      f.stageLeft = FINISH_SECONDS + (f.vm.running() ? f.dirtied / f.rate : 0);
      return false;
    }
    f.passLeft = f.dirtied;
    f.dirtied = 0;
    f.pass++;
    if (f.pass > 9) {
      f.throttle = Math.min(0.99, f.throttle == 0 ? 0.2 : f.throttle + 0.1);
    }
    return false;
  }

  /**
   * ferry's default convergence policy, for every scheduler alike: 300 ms, then 500 ms and 1 s
   * after three passes each without converging, then auto-converge throttles the guest more each
   * pass.
   */
  static double maxDowntime(int pass) {
    return pass <= 3 ? MAX_DOWNTIME_SECONDS : pass <= 6 ? 0.5 : 1.0;
  }

  /** Max-min fair shares of every link among the transfers on it, each within its cap. */
  private void allocate() {
    List<Flow> open = new ArrayList<>();
    for (Flow f : flows.values()) {
      f.rate = 0;
      if (f.stage == Stage.TRANSFER) {
        open.add(f);
      }
    }
    Map<String, Double> left = new HashMap<>();
    links.forEach((host, bandwidth) -> left.put(host + ">", bandwidth));
    links.forEach((host, bandwidth) -> left.put(">" + host, bandwidth));
    while (!open.isEmpty()) {
      Map<String, Integer> users = new HashMap<>();
      for (Flow f : open) {
        users.merge(f.source + ">", 1, Integer::sum);
        users.merge(">" + f.destination, 1, Integer::sum);
      }
      double share = Double.MAX_VALUE;
      for (Map.Entry<String, Integer> link : users.entrySet()) {
        share = Math.min(share, left.get(link.getKey()) / link.getValue());
      }
      for (Flow f : open) {
        share = Math.min(share, f.cap - f.rate);
      }
      List<Flow> frozen = new ArrayList<>();
      for (Flow f : open) {
        f.rate += share;
        left.merge(f.source + ">", -share, Double::sum);
        left.merge(">" + f.destination, -share, Double::sum);
      }
      for (Flow f : open) {
        boolean linkFull =
            left.get(f.source + ">") <= EPSILON || left.get(">" + f.destination) <= EPSILON;
        if (linkFull || f.cap - f.rate <= EPSILON) {
          frozen.add(f);
        }
      }
      open.removeAll(frozen);
    }
  }
}
