package dev.ferry.client;

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

/**
 * What an operator asks for when moving one VM, whichever face took it: {@code ferry migrate}'s
 * options, and the body of {@code POST /v1/vms/{name}/migrate} (whose field names these are). Every
 * field but {@code host} may be left out; {@link #toRequest} is the one mapping to the workflow's
 * input, so both faces refuse the same values under the same field names.
 *
 * @param host the destination host
 * @param source the source host, or null to find it
 * @param convergence the name of a convergence preset ({@link ConvergencePresets#names()})
 */
public record MigrationOrder(
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

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The workflow's input for the named VM, every name and value validated under its field.
   *
   * @throws InvalidInputException naming the field and the value
   */
  public MigrationRequest toRequest(String vm) {
    InputValidator.requireName("name", "VM name", vm);
    InputValidator.requireName("host", "destination host name", host);
    if (source != null) {
      InputValidator.requireName("source", "source host name", source);
    }
    Names.requireEach("disks", "disk target", disks);
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

  /** The convergence preset of that name. */
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

  /** A builder, so a face names only what the operator set. */
  public static final class Builder {
    private String host;
    private String source;
    private MigrationMode mode;
    private Boolean peerToPeer;
    private Boolean tunnelled;
    private Boolean persistDestination;
    private Boolean undefineSource;
    private StorageCopy storageCopy;
    private List<String> disks;
    private String destinationName;
    private Long bandwidthMiBps;
    private Long maxDowntimeMs;
    private Boolean autoConverge;
    private Boolean allowPostcopy;
    private Compression compression;
    private Integer parallelConnections;
    private Boolean tls;
    private Boolean pausedOnDestination;
    private String migrationUri;
    private String convergence;

    private Builder() {}

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder source(String value) {
      source = value;
      return this;
    }

    public Builder mode(MigrationMode value) {
      mode = value;
      return this;
    }

    public Builder peerToPeer(Boolean value) {
      peerToPeer = value;
      return this;
    }

    public Builder tunnelled(Boolean value) {
      tunnelled = value;
      return this;
    }

    public Builder persistDestination(Boolean value) {
      persistDestination = value;
      return this;
    }

    public Builder undefineSource(Boolean value) {
      undefineSource = value;
      return this;
    }

    public Builder storageCopy(StorageCopy value) {
      storageCopy = value;
      return this;
    }

    public Builder disks(List<String> value) {
      disks = value;
      return this;
    }

    public Builder destinationName(String value) {
      destinationName = value;
      return this;
    }

    public Builder bandwidthMiBps(Long value) {
      bandwidthMiBps = value;
      return this;
    }

    public Builder maxDowntimeMs(Long value) {
      maxDowntimeMs = value;
      return this;
    }

    public Builder autoConverge(Boolean value) {
      autoConverge = value;
      return this;
    }

    public Builder allowPostcopy(Boolean value) {
      allowPostcopy = value;
      return this;
    }

    public Builder compression(Compression value) {
      compression = value;
      return this;
    }

    public Builder parallelConnections(Integer value) {
      parallelConnections = value;
      return this;
    }

    public Builder tls(Boolean value) {
      tls = value;
      return this;
    }

    public Builder pausedOnDestination(Boolean value) {
      pausedOnDestination = value;
      return this;
    }

    public Builder migrationUri(String value) {
      migrationUri = value;
      return this;
    }

    public Builder convergence(String value) {
      convergence = value;
      return this;
    }

    public MigrationOrder build() {
      return new MigrationOrder(
          host,
          source,
          mode,
          peerToPeer,
          tunnelled,
          persistDestination,
          undefineSource,
          storageCopy,
          disks,
          destinationName,
          bandwidthMiBps,
          maxDowntimeMs,
          autoConverge,
          allowPostcopy,
          compression,
          parallelConnections,
          tls,
          pausedOnDestination,
          migrationUri,
          convergence);
    }
  }
}
