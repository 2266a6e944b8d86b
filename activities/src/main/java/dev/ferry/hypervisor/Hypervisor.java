package dev.ferry.hypervisor;

import dev.ferry.convergence.JobStats;
import dev.ferry.disk.BackingStore;
import dev.ferry.migration.MigrationStats;
import dev.ferry.plan.MigrationPlan;
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

  /**
   * Writes an empty probe ({@link SharedProbe}) in the storage that holds the directory of the
   * image at this path, for another host to look for with {@link #volumeSize}.
   *
   * @return the probe's path, or empty if this host has no storage ferry can write a probe to there
   *     (sharing cannot then be proven this way)
   */
  Optional<String> createSharedProbe(String imagePath);

  /**
   * Deletes a probe {@link #createSharedProbe} wrote; does nothing if it is gone. Refuses ({@code
   * NOT_OURS}) a path that does not name a probe.
   */
  void deleteSharedProbe(String probePath);

  /**
   * Whose owner mark the image at this path carries, seen from this owner; {@code NONE} when there
   * is no image or no mark.
   */
  ImageClaims.Mark imageMark(String path, ImageOwner owner);

  /**
   * Creates an empty image with the owner's mark beside it, as an overlay on the backing file if
   * one is given (the backing file must exist on this host). Keeps an image of that size that
   * already carries this owner's mark; takes over (re-marks) one of that size marked by an earlier
   * migration of the same guest that no domain here uses, so that migration's pending cleanup no
   * longer deletes it. Refuses ({@code NAME_CLASH}) any other image at the path: ferry did not make
   * it, or a guest uses it.
   */
  void createVolume(
      String path, String format, long capacityBytes, BackingStore backing, ImageOwner owner);

  /**
   * {@link #createVolume(String, String, long, BackingStore, ImageOwner)} without a backing file.
   */
  default void createVolume(String path, String format, long capacityBytes, ImageOwner owner) {
    createVolume(path, format, capacityBytes, null, owner);
  }

  /**
   * Deletes the image at this path and its mark, only if it carries this owner's mark and no domain
   * on this host uses it; anything else is kept. Does nothing if there is no image.
   *
   * @return what was done, in words, for logs and outcomes
   */
  String deleteVolume(String path, ImageOwner owner);

  /**
   * Removes this owner's mark from the image: it now belongs to the guest running on it, and no
   * cleanup deletes it. Does nothing if the mark is already gone.
   */
  void adoptVolume(String path, ImageOwner owner);

  /**
   * Writes the migration's stamp into the guest's metadata, live and persistent, after checking on
   * the host that the domain is the guest of that UUID ({@code NOT_OURS} otherwise).
   */
  void stamp(String name, String uuid, String migrationId);

  /**
   * Marks the guest, after checking its UUID, as left on this host by the rollback of that
   * migration: an attempt of that migration that is still running reads the mark right before it
   * would start a transfer, and starts nothing. Kept apart from the stamp, so that nothing a stale
   * attempt writes can erase it.
   */
  void markRolledBack(String name, String uuid, String migrationId);

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

  /**
   * Stops a guest at once (power off) once the fence admits it. Does nothing if there is no such
   * domain or it is not running.
   */
  void destroy(String name, DomainFence fence);

  /** Pauses a running guest once the fence admits it. */
  void pause(String name, DomainFence fence);

  /** Resumes a paused guest once the fence admits it. */
  void resume(String name, DomainFence fence);

  /**
   * Removes a guest's persistent definition once the fence admits it. Does nothing if there is no
   * such domain or it has no definition.
   */
  void undefine(String name, DomainFence fence);

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
