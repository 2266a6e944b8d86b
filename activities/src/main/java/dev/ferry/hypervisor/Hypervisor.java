package dev.ferry.hypervisor;

import dev.ferry.migration.JobStats;
import dev.ferry.migration.MigrationPlan;
import dev.ferry.migration.MigrationStats;
import dev.ferry.reconcile.DomainObservation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One host's hypervisor, as ferry needs it: the only way activities reach a host. Every method
 * throws {@link dev.ferry.failure.FerryException} with a {@link dev.ferry.failure.FailureType}:
 * {@code HOST_UNREACHABLE} when the host does not answer, {@code HYPERVISOR_ERROR} for other
 * failures that may pass. Methods that change state are idempotent unless they say otherwise.
 */
public interface Hypervisor {

  /** The inventory name of this host. */
  String hostName();

  /** Architecture, CPU and memory. */
  HostFacts facts();

  /** Names of all guests defined or running here. */
  List<String> domainNames();

  /** A guest's facts, or empty if this host has no guest of that name. */
  Optional<DomainFacts> domain(String name);

  /** The name of the guest with this UUID on this host, or empty if there is none. */
  Optional<String> domainNameByUuid(String uuid);

  /** A guest's state, job and stamp; {@link DomainObservation#absent()} if not here. */
  DomainObservation observe(String name);

  /** Whether this host can run a guest started with the given CPU model. */
  boolean canRunCpu(String cpuModel);

  /** The virtual size of the image at this path as this host sees it, or empty if none. */
  Optional<Long> volumeSize(String path);

  /** Creates an empty image; does nothing if one of that size is already there. */
  void createVolume(String path, String format, long capacityBytes);

  /** Deletes the image at this path; does nothing if there is none. */
  void deleteVolume(String path);

  /** Writes the migration id into the guest's metadata, live and persistent. */
  void stampMigrationId(String name, String migrationId);

  /**
   * Migrates a guest and blocks until the transfer ends. Call from a thread of its own: it can take
   * hours. Not idempotent: callers observe first and never start a second transfer.
   *
   * @return the completed job's statistics
   */
  MigrationStats migrate(String name, MigrationPlan plan, MigrationTarget target);

  /**
   * Resumes a post-copy migration that was interrupted (both copies paused, each holding part of
   * the guest's memory) once both hosts reach each other again, and blocks until it ends. Call from
   * a thread of its own, as {@link #migrate}.
   *
   * @return the completed job's statistics
   */
  MigrationStats resumePostcopy(String name, MigrationPlan plan, MigrationTarget target);

  /** The running job's statistics, or empty when no job runs. */
  Optional<JobStats> jobStats(String name);

  /** Aborts the running migration job; does nothing if none runs. */
  void abortJob(String name);

  /** Sets the longest pause the running migration job may impose at switch-over. */
  void setMaxDowntime(String name, long maxDowntimeMs);

  /** Caps the running migration job's bandwidth, in MiB/s. */
  void setMaxBandwidth(String name, long mibps);

  /** The bandwidth cap in MiB/s that a migration of this guest uses now; 0 for unlimited. */
  long maxBandwidthMiBps(String name);

  /**
   * Starts throttling the guest's vCPUs so that it dirties memory more slowly.
   *
   * @return false if this hypervisor cannot switch throttling on while the job runs
   */
  boolean enableAutoConverge(String name);

  /**
   * Switches the running migration job to post-copy: the guest runs on the destination from now on
   * and pulls the pages it still lacks. The job must have been started with post-copy allowed.
   */
  void startPostcopy(String name);

  /** Stops a guest at once (power off). Does nothing if it is not running. */
  void destroy(String name);

  /** Pauses a running guest. */
  void pause(String name);

  /** Resumes a paused guest. */
  void resume(String name);

  /** Removes a guest's persistent definition. Does nothing if it has none. */
  void undefine(String name);

  /** Makes a running guest's definition persistent. Does nothing if it already is. */
  void persist(String name);

  /**
   * The bandwidth of this host's migration link, each direction, in MiB/s, if the driver knows it;
   * evacuations use it to estimate how long a migration takes.
   */
  default Optional<Long> linkMiBps() {
    return Optional.empty();
  }

  /** A guest's labels ({@code antiAffinity=GROUP} among them), or none if the driver keeps none. */
  default Map<String, String> guestLabels(String name) {
    return Map.of();
  }
}
