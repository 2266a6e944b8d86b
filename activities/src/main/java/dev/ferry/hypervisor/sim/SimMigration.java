package dev.ferry.hypervisor.sim;

import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.migration.MigrationStats;
import dev.ferry.options.MigrationFlag;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;

/**
 * One simulated peer-to-peer migration, run on the caller's thread: the incoming copy appears
 * paused on the destination, the transfer advances in simulated time, and at the end the guest
 * switches over atomically, or the attempt is cleaned up as libvirt would.
 */
final class SimMigration {
  private static final long TICK_MILLIS = 20;

  private final SimCluster cluster;
  private final String sourceName;
  private final String vmName;
  private final MigrationPlan plan;
  private final String destinationName;

  SimMigration(
      SimCluster cluster,
      String sourceName,
      String vmName,
      MigrationPlan plan,
      String destinationName) {
    this.cluster = cluster;
    this.sourceName = sourceName;
    this.vmName = vmName;
    this.plan = plan;
    this.destinationName = destinationName;
  }

  MigrationStats run() {
    SimTransfer transfer;
    synchronized (cluster) {
      SimHost source = cluster.reachableHost(sourceName);
      SimHost destination = cluster.reachableHost(destinationName);
      SimVm vm = source.vms.get(vmName);
      if (vm == null) {
        throw new FerryException(
            FailureType.VM_NOT_FOUND, "no guest " + vmName + " on " + sourceName);
      }
      if (vm.job != null) {
        throw new FerryException(
            FailureType.HYPERVISOR_ERROR, "a migration job already runs for " + vmName);
      }
      if (destination.vms.containsKey(plan.destinationName())) {
        throw new FerryException(
            FailureType.NAME_CLASH,
            "domain " + plan.destinationName() + " already exists on " + destinationName);
      }
      requirePreparedImages(destination);
      if (plan.resolved().has(MigrationFlag.OFFLINE)) {
        return moveDefinition(source, destination, vm);
      }
      transfer = startTransfer(source, destination, vm);
      SimVm incoming = vm.copyAs(plan.destinationName());
      incoming.setState(DomainState.PAUSED, PauseReason.MIGRATION);
      destination.vms.put(incoming.name, incoming);
      vm.job = transfer;
    }
    return follow(transfer);
  }

  private void requirePreparedImages(SimHost destination) {
    for (DiskPlan disk : plan.disksToCopy()) {
      if (!destination.localVolumes.containsKey(disk.path())) {
        // libvirt refuses the same way: storage copy needs the target image to exist first.
        throw new FerryException(
            FailureType.MIGRATION_FAILED,
            "destination image " + disk.path() + " for disk " + disk.target() + " does not exist");
      }
    }
  }

  private SimTransfer startTransfer(SimHost source, SimHost destination, SimVm vm) {
    long bandwidth = Math.min(source.linkBytesPerSec, destination.linkBytesPerSec);
    if (plan.options().bandwidthMiBps() != null) {
      bandwidth = Math.min(bandwidth, plan.options().bandwidthMiBps() * 1024L * 1024L);
    }
    long diskBytes = plan.disksToCopy().stream().mapToLong(DiskPlan::capacityBytes).sum();
    return new SimTransfer(
        vm.memoryBytes,
        diskBytes,
        vm.workingSetBytes,
        vm.dirtyBytesPerSec,
        bandwidth,
        plan.options().initialMaxDowntimeMs(),
        plan.resolved().has(MigrationFlag.AUTO_CONVERGE),
        plan.resolved().has(MigrationFlag.POSTCOPY));
  }

  private MigrationStats follow(SimTransfer transfer) {
    double simMillisPerTick = TICK_MILLIS * cluster.speed();
    while (true) {
      sleepTick();
      synchronized (cluster) {
        SimHost source = cluster.host(sourceName);
        SimHost destination = cluster.host(destinationName);
        SimVm vm = source.vms.get(vmName);
        if (transfer.postcopy()) {
          // As in libvirt: the guest runs on the destination and the source copy waits, paused.
          SimVm incoming = destination.vms.get(plan.destinationName());
          if (incoming != null && incoming.state != DomainState.RUNNING) {
            incoming.setState(DomainState.RUNNING, PauseReason.NONE);
            vm.setState(DomainState.PAUSED, PauseReason.POSTCOPY);
          }
        } else if (transfer.abortRequested) {
          fail(source, destination, vm, FailureType.MIGRATION_FAILED, "migration job aborted");
        }
        if (!source.reachable || !destination.reachable) {
          fail(source, destination, vm, FailureType.HYPERVISOR_ERROR, "lost the peer connection");
        }
        if (cluster.faults().destinationDies(vmName, transfer.percent())) {
          destination.reachable = false;
          fail(source, destination, vm, FailureType.HYPERVISOR_ERROR, "destination host died");
        }
        transfer.advance(simMillisPerTick);
        if (transfer.done()) {
          return switchOver(source, destination, vm, transfer);
        }
      }
    }
  }

  private MigrationStats switchOver(
      SimHost source, SimHost destination, SimVm vm, SimTransfer transfer) {
    SimVm incoming = destination.vms.get(plan.destinationName());
    incoming.setState(
        plan.resolved().has(MigrationFlag.PAUSED) ? DomainState.PAUSED : DomainState.RUNNING,
        PauseReason.USER);
    incoming.persistent = plan.resolved().has(MigrationFlag.PERSIST_DEST);
    vm.job = null;
    if (cluster.faults().confirmLost(vmName)) {
      vm.setState(DomainState.PAUSED, PauseReason.MIGRATION);
      throw new FerryException(
          FailureType.HYPERVISOR_ERROR, "connection lost before the migration was confirmed");
    }
    releaseSource(source, vm);
    return transfer.completed();
  }

  private MigrationStats moveDefinition(SimHost source, SimHost destination, SimVm vm) {
    SimVm moved = vm.copyAs(plan.destinationName());
    moved.setState(DomainState.SHUT_OFF, PauseReason.NONE);
    moved.persistent = true;
    destination.vms.put(moved.name, moved);
    if (plan.resolved().has(MigrationFlag.UNDEFINE_SOURCE)) {
      source.vms.remove(vmName);
    }
    return new MigrationStats(0, 0, 0, 0, 0, false, false);
  }

  private void releaseSource(SimHost source, SimVm vm) {
    if (vm.persistent && !plan.resolved().has(MigrationFlag.UNDEFINE_SOURCE)) {
      vm.setState(DomainState.SHUT_OFF, PauseReason.NONE);
    } else {
      source.vms.remove(vmName);
    }
  }

  /** Cleans up as libvirt does after a failed pre-copy: incoming copy gone, source running. */
  private void fail(SimHost source, SimHost destination, SimVm vm, FailureType type, String why) {
    destination.vms.remove(plan.destinationName());
    if (vm != null) {
      vm.job = null;
      if (vm.state == DomainState.PAUSED && vm.pauseReason == PauseReason.MIGRATION) {
        vm.setState(DomainState.RUNNING, PauseReason.NONE);
      }
    }
    throw new FerryException(
        type, "migration of " + vmName + " from " + source.name + " failed: " + why);
  }

  private static void sleepTick() {
    try {
      Thread.sleep(TICK_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException(FailureType.HYPERVISOR_ERROR, "interrupted while migrating");
    }
  }
}
