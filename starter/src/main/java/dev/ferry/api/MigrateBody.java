package dev.ferry.api;

import dev.ferry.convergence.ConvergencePolicy;
import dev.ferry.convergence.ConvergencePresets;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.Compression;
import dev.ferry.options.MigrationMode;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.StorageCopy;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/vms/{name}/migrate}: the destination and the migration options, with
 * the names {@link MigrationOptions} gives them. Every field but {@code host} may be left out.
 *
 * @param host the destination host
 * @param source the source host, or null to find it
 */
record MigrateBody(
    String host,
    String source,
    MigrationMode mode,
    Boolean peerToPeer,
    Boolean tunnelled,
    Boolean persistDestination,
    Boolean undefineSource,
    StorageCopy storageCopy,
    List<String> disks,
    String destinationName,
    Long bandwidthMiBps,
    Long maxDowntimeMs,
    Boolean autoConverge,
    Boolean allowPostcopy,
    Compression compression,
    Integer parallelConnections,
    Boolean tls,
    Boolean pausedOnDestination,
    String migrationUri,
    String convergence) {

  /** The workflow input's field names where the API's differ. */
  private static final Map<String, String> API_FIELDS = Map.of("vm", "name", "destination", "host");

  /**
   * The workflow's input for the named VM, every name and value validated under its API field.
   *
   * @throws dev.ferry.validation.InvalidInputException naming the field and the value
   */
  MigrationRequest toRequest(String vm) {
    InputValidator.requireName("name", "VM name", vm);
    InputValidator.requireName("host", "destination host name", host);
    if (source != null) {
      InputValidator.requireName("source", "source host name", source);
    }
    if (disks != null) {
      for (int i = 0; i < disks.size(); i++) {
        InputValidator.requireName("disks[" + i + "]", "disk target", disks.get(i));
      }
    }
    MigrationOptions options =
        MigrationOptions.builder()
            .mode(mode)
            .peerToPeer(peerToPeer)
            .tunnelled(Boolean.TRUE.equals(tunnelled))
            .persistDestination(persistDestination)
            .undefineSource(undefineSource)
            .storageCopy(storageCopy)
            .disks(disks)
            .destinationName(destinationName)
            .bandwidthMiBps(bandwidthMiBps)
            .maxDowntimeMs(maxDowntimeMs)
            .autoConverge(Boolean.TRUE.equals(autoConverge))
            .allowPostcopy(Boolean.TRUE.equals(allowPostcopy))
            .compression(compression)
            .parallelConnections(parallelConnections)
            .tls(Boolean.TRUE.equals(tls))
            .pausedOnDestination(Boolean.TRUE.equals(pausedOnDestination))
            .migrationUri(migrationUri)
            .convergence(convergence == null ? null : preset(convergence))
            .build();
    return new MigrationRequest(vm, source, host, options, null);
  }

  /** The convergence preset of that name, as {@code ferry migrate --convergence} takes it. */
  private static ConvergencePolicy preset(String name) {
    if (!ConvergencePresets.names().contains(name)) {
      throw new InvalidInputException(
          "convergence",
          "unknown convergence policy "
              + InputValidator.shown(name)
              + ": use one of "
              + String.join(", ", ConvergencePresets.names()));
    }
    return ConvergencePresets.named(name);
  }

  /** The API's name for a field of the workflow input. */
  static String apiField(String requestField) {
    return requestField == null ? null : API_FIELDS.getOrDefault(requestField, requestField);
  }
}
