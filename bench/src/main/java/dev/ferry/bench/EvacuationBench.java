package dev.ferry.bench;

import dev.ferry.evacuation.EvacuationLimits;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/evacuation}: evacuates 5 of 50 simulated hosts (1000 guests) three ways on one
 * virtual clock and prints the makespans against the lower bound; then runs the real evacuation
 * workflow on the simulated driver for the same fleet, through a dev server and a ferry worker in
 * this process, and prints that every guest is accounted for, the worker's peak heap and the
 * workflow history sizes. The last line is {@code makespan/lower-bound: X.XX}.
 */
public final class EvacuationBench {
  private EvacuationBench() {}

  /** What one policy achieved on the virtual clock. */
  record Result(String name, double makespan, int migrated, int maxOut, int maxIn, int maxAll) {}

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
    BenchFleet fleet = new BenchFleet(seed);
    List<BenchFleet.Vm> moving = fleet.evacuated();
    long bytes = moving.stream().mapToLong(BenchFleet.Vm::bytes).sum();
    System.out.printf(
        Locale.ROOT,
        "fleet: %d hosts (10 and 25 GbE links), %d guests; evacuating %s: %d guests, %.1f GiB%n",
        BenchFleet.HOSTS,
        BenchFleet.VMS,
        String.join(", ", fleet.drained),
        moving.size(),
        bytes / (double) (1L << 30));
    double bound = lowerBound(fleet, moving);
    Result ferry = run(fleet, Policies.ferry(fleet, EvacuationLimits.defaults()));
    Result naive = run(fleet, Policies.fixed("naive (1 at a time per source)", fleet, 0, 1));
    Result kubevirt =
        run(fleet, Policies.fixed("kubevirt (5 per cluster, 2 per node)", fleet, 5, 2));
    for (Result r : List.of(ferry, naive, kubevirt)) {
      System.out.printf(
          Locale.ROOT,
          "%-40s makespan %7.1f s  (%.2f x bound)  %d/%d migrated  most at once: %d in all, %d"
              + " leaving a host, %d arriving%n",
          r.name(),
          r.makespan(),
          r.makespan() / bound,
          r.migrated(),
          moving.size(),
          r.maxAll(),
          r.maxOut(),
          r.maxIn());
    }
    System.out.printf(
        Locale.ROOT,
        "ferry is %.2fx faster than naive and %.2fx faster than kubevirt-style limits%n",
        naive.makespan() / ferry.makespan(),
        kubevirt.makespan() / ferry.makespan());
    new WorkflowRun(fleet, seed).run(moving);
    System.out.printf(Locale.ROOT, "makespan/lower-bound: %.2f%n", ferry.makespan() / bound);
  }

  /**
   * The evacuation cannot end before the most loaded source has sent its guests over its link, nor
   * before everything has crossed the receiving hosts' links together.
   */
  static double lowerBound(BenchFleet fleet, List<BenchFleet.Vm> moving) {
    Map<String, Long> perSource = new HashMap<>();
    moving.forEach(v -> perSource.merge(v.host(), v.bytes(), Long::sum));
    String worst = null;
    double bySource = 0;
    for (Map.Entry<String, Long> source : perSource.entrySet()) {
      double seconds = source.getValue() / (double) BenchFleet.MIB / fleet.linkOf(source.getKey());
      if (seconds > bySource) {
        bySource = seconds;
        worst = source.getKey();
      }
    }
    long receiving =
        fleet.hosts.stream()
            .filter(h -> !fleet.drained.contains(h.name()) && !h.cpuModel().equals("Haswell"))
            .mapToLong(BenchFleet.Host::linkMiBps)
            .sum();
    long total = moving.stream().mapToLong(BenchFleet.Vm::bytes).sum();
    double byReceivers = total / (double) BenchFleet.MIB / receiving;
    double bound = Math.max(bySource, byReceivers);
    System.out.printf(
        Locale.ROOT,
        "lower bound: %.1f s (most loaded source %s: %.1f GiB over %d MiB/s = %.1f s; all %.1f GiB"
            + " over the receiving links' %d MiB/s = %.1f s)%n",
        bound,
        worst,
        perSource.get(worst) / (double) (1L << 30),
        fleet.linkOf(worst),
        bySource,
        total / (double) (1L << 30),
        receiving,
        byReceivers);
    return bound;
  }

  static Result run(BenchFleet fleet, Policies.Policy policy) {
    Map<String, BenchFleet.Vm> byName = new HashMap<>();
    fleet.evacuated().forEach(v -> byName.put(v.name(), v));
    FluidModel model = new FluidModel(fleet);
    int migrated = 0;
    int maxOut = 0;
    int maxIn = 0;
    int maxAll = 0;
    List<Policies.Launch> launches = policy.next(0);
    long steps = 0;
    while (true) {
      for (Policies.Launch launch : launches) {
        model.start(byName.get(launch.vm()), launch.destination(), launch.capMiBps());
      }
      maxAll = Math.max(maxAll, model.active());
      maxOut =
          Math.max(maxOut, model.outbound().values().stream().mapToInt(i -> i).max().orElse(0));
      maxIn = Math.max(maxIn, model.inbound().values().stream().mapToInt(i -> i).max().orElse(0));
      if (model.active() == 0) {
        break;
      }
      if (++steps > 10_000_000) {
        throw new IllegalStateException(
            policy.name() + ": the model did not finish (" + model.active() + " still running)");
      }
      for (FluidModel.Ended ended : model.step()) {
        policy.ended(ended.vm(), ended.sentBytes());
        migrated++;
      }
      launches = policy.next(model.now());
    }
    return new Result(policy.name(), model.now(), migrated, maxOut, maxIn, maxAll);
  }
}
