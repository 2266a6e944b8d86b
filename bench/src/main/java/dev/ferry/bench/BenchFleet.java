package dev.ferry.bench;

import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.config.SimHostConfig;
import dev.ferry.config.SimSettings;
import dev.ferry.config.SimVmConfig;
import dev.ferry.config.SimVmConfig.SimDiskConfig;
import dev.ferry.evacuation.GuestView;
import dev.ferry.evacuation.HostView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's fleet, generated from a seed: 50 hosts with 10 or 25 GbE links (five of them an
 * older CPU generation that cannot run the drained guests), 1000 guests of mixed sizes and dirty
 * rates spread over them, some with a local disk, some shut off. The same fleet feeds the virtual
 * clock model (as the views the fleet activity would read) and the real workflow run (as a
 * simulated inventory).
 */
final class BenchFleet {
  static final long MIB = 1024L * 1024;
  static final int HOSTS = 50;
  static final int VMS = 1000;
  static final int DRAINED = 5;
  static final long HOST_MEMORY_MIB = 1024L * 1024;

  /** One generated guest. */
  record Vm(
      String name,
      String host,
      long memoryMiB,
      long dirtyMiBps,
      long workingSetMiB,
      long localDiskMiB,
      boolean running) {
    long bytes() {
      return (running ? memoryMiB : 0) * MIB + localDiskMiB * MIB;
    }
  }

  /** One generated host. */
  record Host(String name, long linkMiBps, String cpuModel) {}

  final List<Host> hosts = new ArrayList<>();
  final List<Vm> vms = new ArrayList<>();
  final List<String> drained = new ArrayList<>();

  BenchFleet(long seed) {
    Random random = new Random(seed);
    for (int i = 1; i <= HOSTS; i++) {
      long link = i % 3 == 0 ? 2_980 : 1_192;
      String cpu = i > HOSTS - 5 ? "Haswell" : "Cascadelake-Server";
      hosts.add(new Host(String.format("h%02d", i), link, cpu));
    }
    for (int i = 0; i < DRAINED; i++) {
      drained.add(hosts.get(i * 7).name());
    }
    long[] sizes = {1024, 2048, 4096, 8192, 16384, 32768};
    double[] weights = {0.2, 0.25, 0.25, 0.15, 0.1, 0.05};
    for (int i = 0; i < VMS; i++) {
      long memory = pick(random, sizes, weights);
      boolean hot = random.nextDouble() < 0.15;
      long dirty = hot ? 100 + random.nextInt(151) : random.nextInt(41);
      long workingSet = Math.max(64, memory * (5 + random.nextInt(16)) / 100);
      boolean running = random.nextDouble() > 0.05;
      // A shut-off guest moves only its definition: ferry refuses to leave a local disk behind.
      long disk = running && random.nextDouble() < 0.2 ? 10_240 + 10_240L * random.nextInt(3) : 0;
      vms.add(
          new Vm(
              String.format("vm%04d", i),
              hosts.get(i % HOSTS).name(),
              memory,
              dirty,
              workingSet,
              disk,
              running));
    }
  }

  private static long pick(Random random, long[] values, double[] weights) {
    double r = random.nextDouble();
    for (int i = 0; i < values.length; i++) {
      r -= weights[i];
      if (r <= 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  List<Vm> evacuated() {
    return vms.stream().filter(v -> drained.contains(v.host())).toList();
  }

  long linkOf(String host) {
    return hosts.stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow().linkMiBps();
  }

  /** Hosts as the fleet activity reads them: free memory after their own guests. */
  List<HostView> hostViews() {
    List<HostView> views = new ArrayList<>();
    for (Host host : hosts) {
      long used =
          vms.stream()
              .filter(v -> v.host().equals(host.name()) && v.running())
              .mapToLong(Vm::memoryMiB)
              .sum();
      views.add(
          new HostView(
              host.name(),
              true,
              false,
              "x86_64",
              "qemu",
              (HOST_MEMORY_MIB - used) * MIB,
              host.linkMiBps(),
              List.of()));
    }
    return views;
  }

  /** The drained hosts' guests, each with the hosts whose CPU can run it. */
  List<GuestView> guestViews() {
    List<String> compatible =
        hosts.stream().filter(h -> !h.cpuModel().equals("Haswell")).map(Host::name).toList();
    return evacuated().stream()
        .map(
            v ->
                new GuestView(
                    v.name(),
                    v.host(),
                    v.running(),
                    v.memoryMiB() * MIB,
                    v.localDiskMiB() * MIB,
                    compatible.stream().filter(h -> !h.equals(v.host())).toList(),
                    null,
                    null))
        .toList();
  }

  /** The same fleet as a simulated inventory, for the real workflow run. */
  Inventory inventory(double speed) {
    List<HostConfig> configs = new ArrayList<>();
    for (Host host : hosts) {
      SimHostConfig sim =
          new SimHostConfig(null, host.cpuModel(), HOST_MEMORY_MIB, host.linkMiBps());
      configs.add(
          new HostConfig(host.name(), "sim://" + host.name(), null, Map.of(), null, sim, null));
    }
    List<SimVmConfig> guests = new ArrayList<>();
    for (Vm vm : vms) {
      List<SimDiskConfig> disks =
          vm.localDiskMiB() == 0
              ? List.of(
                  new SimDiskConfig("vda", "/shared/" + vm.name() + ".qcow2", 10_240L, true, null))
              : List.of(
                  new SimDiskConfig(
                      "vda", "/local/" + vm.name() + ".qcow2", vm.localDiskMiB(), false, null));
      guests.add(
          new SimVmConfig(
              vm.name(),
              vm.host(),
              vm.memoryMiB(),
              vm.dirtyMiBps(),
              vm.running() ? "running" : "shut-off",
              "Cascadelake-Server",
              disks,
              List.of(),
              null,
              vm.workingSetMiB()));
    }
    return new Inventory(configs, guests, new SimSettings(speed, null));
  }
}
