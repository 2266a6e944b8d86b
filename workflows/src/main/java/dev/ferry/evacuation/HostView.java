package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One host as placement sees it, read once at the start of an evacuation run.
 *
 * @param name the inventory name
 * @param reachable the worker could read it
 * @param inMaintenance the host is in maintenance: it receives no guests
 * @param arch CPU architecture
 * @param hypervisorType for example {@code qemu}
 * @param memoryFreeBytes free memory, minus reservations of migrations already heading there
 * @param linkMiBps its migration link's bandwidth, each direction, or null if unknown
 * @param antiAffinityGroups anti-affinity groups of the guests it already runs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostView(
    String name,
    boolean reachable,
    boolean inMaintenance,
    String arch,
    String hypervisorType,
    long memoryFreeBytes,
    Long linkMiBps,
    List<String> antiAffinityGroups) {
  /** The link assumed when a host does not say: 10 GbE. */
  public static final long DEFAULT_LINK_MIBPS = 1_192;

  public HostView {
    antiAffinityGroups = antiAffinityGroups == null ? List.of() : List.copyOf(antiAffinityGroups);
  }

  /** The link's bandwidth, or the 10 GbE default. */
  public long link() {
    return linkMiBps == null ? DEFAULT_LINK_MIBPS : linkMiBps;
  }
}
