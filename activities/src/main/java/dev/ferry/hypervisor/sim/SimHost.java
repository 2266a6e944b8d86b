package dev.ferry.hypervisor.sim;

import dev.ferry.config.SimHostConfig;
import dev.ferry.disk.BackingStore;
import dev.ferry.hypervisor.ImageOwner;
import java.util.LinkedHashMap;
import java.util.Map;

/** A simulated host. Mutable; guarded by the cluster's lock. */
final class SimHost {
  private static final long MIB = 1024L * 1024L;

  final String name;
  final String arch;
  final String cpuModel;
  final long memoryBytes;
  final long linkBytesPerSec;
  final Map<String, SimVm> vms = new LinkedHashMap<>();

  /** Images only this host sees, by path, with their virtual size. */
  final Map<String, Long> localVolumes = new LinkedHashMap<>();

  /** The owner mark of each image a migration pre-created here and no guest has adopted yet. */
  final Map<String, ImageOwner> imageOwners = new LinkedHashMap<>();

  /** The backing file of each image a migration pre-created here as an overlay. */
  final Map<String, BackingStore> imageBackings = new LinkedHashMap<>();

  boolean reachable = true;

  /** The host answers but refuses the worker's login, as a wrong SASL password would. */
  boolean refusesLogin;

  SimHost(String name, SimHostConfig config) {
    this.name = name;
    this.arch = config.arch();
    this.cpuModel = config.cpuModel();
    this.memoryBytes = config.memoryMiB() * MIB;
    this.linkBytesPerSec = config.linkMiBps() * MIB;
  }

  /** Memory not used by running or paused guests (incoming copies included). */
  long freeMemoryBytes() {
    long used = vms.values().stream().filter(SimVm::active).mapToLong(vm -> vm.memoryBytes).sum();
    return Math.max(0, memoryBytes - used);
  }
}
