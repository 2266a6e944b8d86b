package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One guest on a host being drained, as placement sees it.
 *
 * @param name the guest's name
 * @param host the host it is on
 * @param live it runs (or is paused), so memory moves and the destination must hold it
 * @param memoryBytes its memory
 * @param localDiskBytes disks the destinations cannot see, which must be copied
 * @param compatibleHosts hosts whose CPU, architecture and hypervisor can run it
 * @param antiAffinityGroup its anti-affinity group, or null: no two guests of a group on one host
 * @param unmovable why it cannot move anywhere (a passed-through device, ...), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GuestView(
    String name,
    String host,
    boolean live,
    long memoryBytes,
    long localDiskBytes,
    List<String> compatibleHosts,
    String antiAffinityGroup,
    String unmovable) {
  public GuestView {
    compatibleHosts = compatibleHosts == null ? List.of() : List.copyOf(compatibleHosts);
  }

  /** What the transfer sends at least: memory (when live) and copied disks. */
  public long bytes() {
    return (live ? memoryBytes : 0) + localDiskBytes;
  }
}
