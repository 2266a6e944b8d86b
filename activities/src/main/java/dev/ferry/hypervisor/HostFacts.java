package dev.ferry.hypervisor;

/**
 * What a host is and has, as its hypervisor reports it.
 *
 * @param arch CPU architecture, for example {@code x86_64}
 * @param hypervisorType for example {@code qemu}
 * @param cpuModel the host CPU model
 * @param memoryTotalBytes memory in all
 * @param memoryFreeBytes memory not used by guests
 */
public record HostFacts(
    String arch,
    String hypervisorType,
    String cpuModel,
    long memoryTotalBytes,
    long memoryFreeBytes) {}
