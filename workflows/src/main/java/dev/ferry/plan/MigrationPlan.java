package dev.ferry.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.disk.DiskPlan;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.ResolvedOptions;
import java.util.List;

/**
 * What the capability check decided; every later step works from it alone.
 *
 * @param migrationId unique per workflow run; stamped into the guest so copies are recognised
 * @param vm the guest's name on the source
 * @param vmUuid the guest's UUID
 * @param source the source host
 * @param destination the destination host
 * @param destinationName the guest's name on the destination
 * @param options the options as requested
 * @param resolved flags and disk selection
 * @param disks every disk, classified
 * @param memoryBytes the guest's memory
 * @param migrationUri the stream URI toward the destination's migration address, or null when
 *     tunnelled
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationPlan(
    String migrationId,
    String vm,
    String vmUuid,
    String source,
    String destination,
    String destinationName,
    MigrationOptions options,
    ResolvedOptions resolved,
    List<DiskPlan> disks,
    long memoryBytes,
    String migrationUri) {

  public MigrationPlan {
    disks = List.copyOf(disks);
  }

  /** The disks the destination prepare pre-creates. */
  public List<DiskPlan> disksToCopy() {
    return disks.stream().filter(DiskPlan::copy).toList();
  }
}
