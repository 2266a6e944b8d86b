package dev.ferry.hypervisor.sim;

import dev.ferry.hypervisor.DiskFacts;
import dev.ferry.hypervisor.DomainFacts;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.DomainState;
import dev.ferry.reconcile.PauseReason;
import java.util.List;

/** A simulated guest on one host. Mutable; guarded by the cluster's lock. */
final class SimVm {
  final String name;
  final String uuid;
  final String arch;
  final String cpuModel;
  final long memoryBytes;
  final long dirtyBytesPerSec;
  final long workingSetBytes;
  final List<DiskFacts> disks;
  final List<String> hostDevices;
  DomainState state;
  PauseReason pauseReason = PauseReason.NONE;
  boolean persistent;
  String migrationId;
  String rollbackMark;
  SimTransfer job;
  java.util.Map<String, String> labels = java.util.Map.of();

  SimVm(
      String name,
      String uuid,
      String arch,
      String cpuModel,
      long memoryBytes,
      long dirtyBytesPerSec,
      long workingSetBytes,
      List<DiskFacts> disks,
      List<String> hostDevices,
      DomainState state,
      boolean persistent) {
    this.name = name;
    this.uuid = uuid;
    this.arch = arch;
    this.cpuModel = cpuModel;
    this.memoryBytes = memoryBytes;
    this.dirtyBytesPerSec = dirtyBytesPerSec;
    this.workingSetBytes = workingSetBytes;
    this.disks = List.copyOf(disks);
    this.hostDevices = List.copyOf(hostDevices);
    this.state = state;
    this.persistent = persistent;
  }

  /** A copy of this guest under another name, as an incoming migration creates it. */
  SimVm copyAs(String newName) {
    SimVm copy =
        new SimVm(
            newName,
            uuid,
            arch,
            cpuModel,
            memoryBytes,
            dirtyBytesPerSec,
            workingSetBytes,
            disks,
            hostDevices,
            state,
            false);
    copy.migrationId = migrationId;
    copy.rollbackMark = rollbackMark;
    copy.labels = labels;
    return copy;
  }

  /** Whether one of this guest's disks is the image at that path. */
  boolean uses(String path) {
    return disks.stream().anyMatch(disk -> path.equals(disk.path()));
  }

  boolean active() {
    return state == DomainState.RUNNING || state == DomainState.PAUSED;
  }

  void setState(DomainState newState, PauseReason reason) {
    state = newState;
    pauseReason = newState == DomainState.PAUSED ? reason : PauseReason.NONE;
  }

  DomainObservation observe() {
    return new DomainObservation(
        true, state, pauseReason, job != null, migrationId, persistent, uuid, rollbackMark);
  }

  DomainFacts facts() {
    return new DomainFacts(name, uuid, observe(), arch, cpuModel, memoryBytes, disks, hostDevices);
  }
}
