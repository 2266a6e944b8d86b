package dev.ferry.options;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.convergence.ConvergencePolicy;
import dev.ferry.convergence.ConvergencePresets;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the operator asked for. Nullable fields mean "not set"; the compact constructor fills the
 * documented defaults and rejects values that are wrong on their own. Rules about combinations live
 * in {@link OptionRules} so that one refusal can list every conflict at once.
 *
 * @param mode live, offline, or decided by the guest's state (default)
 * @param peerToPeer source daemon drives the migration (default true)
 * @param tunnelled stream inside the libvirt connection (default false)
 * @param persistDestination define the guest on the destination (default true)
 * @param undefineSource remove the definition from the source afterwards (default true)
 * @param storageCopy which disks are copied (default AUTO: exactly the non-shared ones)
 * @param disks disk targets (for example {@code vda}) to copy; empty means all non-shared disks
 * @param destinationName new name on the destination, or null to keep the name
 * @param bandwidthMiBps cap on the migration stream in MiB/s, or null for unlimited
 * @param maxDowntimeMs longest pause the guest may see at switch-over, or null for libvirt's
 * @param autoConverge throttle the guest's vCPUs when memory does not converge
 * @param allowPostcopy allow switching to post-copy
 * @param compression compression of the memory stream (default NONE)
 * @param parallelConnections number of parallel connections (2..255), or null for one
 * @param tls encrypt the native stream
 * @param pausedOnDestination leave the guest paused on the destination
 * @param migrationUri explicit migration stream URI, or null to derive it from the inventory
 * @param convergence how a live migration that does not converge is brought to an end (default: the
 *     {@code default} preset)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationOptions(
    MigrationMode mode,
    Boolean peerToPeer,
    boolean tunnelled,
    Boolean persistDestination,
    Boolean undefineSource,
    StorageCopy storageCopy,
    List<String> disks,
    String destinationName,
    Long bandwidthMiBps,
    Long maxDowntimeMs,
    boolean autoConverge,
    boolean allowPostcopy,
    Compression compression,
    Integer parallelConnections,
    boolean tls,
    boolean pausedOnDestination,
    String migrationUri,
    ConvergencePolicy convergence) {

  /** Names libvirt accepts and that are safe in a shell, a path and XML. */
  public static final Pattern NAME = InputValidator.NAME;

  public MigrationOptions {
    mode = mode == null ? MigrationMode.AUTO : mode;
    peerToPeer = peerToPeer == null ? Boolean.TRUE : peerToPeer;
    persistDestination = persistDestination == null ? Boolean.TRUE : persistDestination;
    undefineSource = undefineSource == null ? Boolean.TRUE : undefineSource;
    storageCopy = storageCopy == null ? StorageCopy.AUTO : storageCopy;
    disks = disks == null ? List.of() : List.copyOf(disks);
    compression = compression == null ? Compression.NONE : compression;
    convergence = convergence == null ? ConvergencePresets.defaults() : convergence;
    if (destinationName != null) {
      InputValidator.requireName("destinationName", "destination name", destinationName);
    }
    for (String disk : disks) {
      InputValidator.requireName("disks", "disk target", disk);
    }
    if (bandwidthMiBps != null && (bandwidthMiBps < 1 || bandwidthMiBps > 1_000_000)) {
      throw new InvalidInputException(
          "bandwidthMiBps",
          "bandwidth out of range: " + bandwidthMiBps + " MiB/s (allowed 1..1000000)");
    }
    if (maxDowntimeMs != null && (maxDowntimeMs < 1 || maxDowntimeMs > 600_000)) {
      throw new InvalidInputException(
          "maxDowntimeMs",
          "max downtime out of range: " + maxDowntimeMs + " ms (allowed 1..600000)");
    }
    if (parallelConnections != null && (parallelConnections < 2 || parallelConnections > 255)) {
      throw new InvalidInputException(
          "parallelConnections",
          "parallel connections out of range: " + parallelConnections + " (allowed 2..255)");
    }
    if (migrationUri != null) {
      InputValidator.requireMigrationUri("migrationUri", migrationUri);
    }
  }

  /** The max downtime a live migration starts with: the operator's, else the policy's. */
  public long initialMaxDowntimeMs() {
    return maxDowntimeMs != null ? maxDowntimeMs : convergence.initialMaxDowntimeMs();
  }

  /** Whether post-copy is allowed, by the operator or by the convergence policy. */
  public boolean postcopyAllowed() {
    return allowPostcopy || convergence.allowPostcopy();
  }

  /** Every option at its default. */
  public static MigrationOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder, so callers name only the options they change. */
  public static final class Builder {
    private MigrationMode mode;
    private Boolean peerToPeer;
    private boolean tunnelled;
    private Boolean persistDestination;
    private Boolean undefineSource;
    private StorageCopy storageCopy;
    private List<String> disks;
    private String destinationName;
    private Long bandwidthMiBps;
    private Long maxDowntimeMs;
    private boolean autoConverge;
    private boolean allowPostcopy;
    private Compression compression;
    private Integer parallelConnections;
    private boolean tls;
    private boolean pausedOnDestination;
    private String migrationUri;
    private ConvergencePolicy convergence;

    public Builder mode(MigrationMode value) {
      mode = value;
      return this;
    }

    public Builder peerToPeer(Boolean value) {
      peerToPeer = value;
      return this;
    }

    public Builder tunnelled(boolean value) {
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

    public Builder autoConverge(boolean value) {
      autoConverge = value;
      return this;
    }

    public Builder allowPostcopy(boolean value) {
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

    public Builder tls(boolean value) {
      tls = value;
      return this;
    }

    public Builder pausedOnDestination(boolean value) {
      pausedOnDestination = value;
      return this;
    }

    public Builder migrationUri(String value) {
      migrationUri = value;
      return this;
    }

    public Builder convergence(ConvergencePolicy value) {
      convergence = value;
      return this;
    }

    public MigrationOptions build() {
      return new MigrationOptions(
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
