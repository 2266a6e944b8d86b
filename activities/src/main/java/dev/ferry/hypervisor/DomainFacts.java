package dev.ferry.hypervisor;

import dev.ferry.reconcile.DomainObservation;
import java.util.List;

/**
 * What the capability check needs to know about a guest.
 *
 * @param name the domain name
 * @param uuid the domain UUID
 * @param observation its state, job and stamp
 * @param arch the guest's architecture
 * @param cpuModel the CPU model the guest was started with
 * @param memoryBytes the guest's memory
 * @param disks its disks
 * @param hostDevices passed-through host devices, described for an operator
 */
public record DomainFacts(
    String name,
    String uuid,
    DomainObservation observation,
    String arch,
    String cpuModel,
    long memoryBytes,
    List<DiskFacts> disks,
    List<String> hostDevices) {

  public DomainFacts {
    disks = List.copyOf(disks);
    hostDevices = List.copyOf(hostDevices);
  }
}
