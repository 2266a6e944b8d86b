package dev.ferry.options;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Options turned into what the driver executes.
 *
 * @param live whether the guest keeps running during the migration
 * @param flags ferry's flags, sorted by declaration so plans compare and print stably
 * @param disksToCopy targets of the disks the migration copies
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolvedOptions(boolean live, List<MigrationFlag> flags, List<String> disksToCopy) {
  public ResolvedOptions {
    flags = List.copyOf(flags);
    disksToCopy = List.copyOf(disksToCopy);
  }

  public boolean has(MigrationFlag flag) {
    return flags.contains(flag);
  }
}
