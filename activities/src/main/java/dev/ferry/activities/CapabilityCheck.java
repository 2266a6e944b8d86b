package dev.ferry.activities;

import dev.ferry.config.HostConfig;
import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DiskFacts;
import dev.ferry.hypervisor.DiskSource;
import dev.ferry.hypervisor.DomainFacts;
import dev.ferry.hypervisor.HostFacts;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.ImageClaims;
import dev.ferry.hypervisor.ImageOwner;
import dev.ferry.hypervisor.SharedProbe;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.MigrationOptions;
import dev.ferry.options.OptionRules;
import dev.ferry.options.ResolvedOptions;
import dev.ferry.options.StorageCopy;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.reconcile.DomainState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The capability check: each rule is one method that refuses with one failure type. Reads both
 * hosts (both at once where one answer does not depend on the other) and changes nothing but a
 * shared-storage probe it writes and always deletes, so running it twice is harmless.
 */
final class CapabilityCheck {
  private static final long MIB = 1024L * 1024L;

  private final HostRegistry hosts;
  private final ReservationLedger reservations;

  CapabilityCheck(HostRegistry hosts, ReservationLedger reservations) {
    this.hosts = hosts;
    this.reservations = reservations;
  }

  MigrationPlan run(MigrationRequest request, String migrationId) {
    Hypervisor destination = hosts.get(request.destination());
    // The destination is read while the guest is being found; its errors are reported after the
    // guest's, in the order an operator would fix them.
    CompletableFuture<HostFacts> destinationFacts = ParallelReads.start(destination::facts);
    Located located = locate(request);
    checkDifferentHosts(located.host(), request.destination());
    Hypervisor source = hosts.get(located.host());
    DomainFacts vm = located.vm();
    HostFacts sourceFacts = source.facts();
    MigrationOptions options = request.options();
    String destinationName =
        options.destinationName() != null ? options.destinationName() : request.vm();
    checkState(vm);
    checkSameKind(
        sourceFacts, ParallelReads.await(destinationFacts), located.host(), request.destination());
    checkNoPassthrough(vm);
    checkNoClash(destination, vm, destinationName);
    List<DiskPlan> classified = classifyDisks(vm, source, destination, options, migrationId);
    ResolvedOptions resolved = OptionRules.resolve(options, vm.observation().state(), classified);
    if (resolved.live()) {
      checkCpu(destination, vm);
      checkMemory(ParallelReads.await(destinationFacts), vm, request.destination(), migrationId);
    }
    List<DiskPlan> disks = new ArrayList<>();
    for (DiskPlan disk : classified) {
      disks.add(disk.withCopy(resolved.disksToCopy().contains(disk.target())));
    }
    if (options.storageCopy() == StorageCopy.INCREMENTAL) {
      checkBackingChains(destination, disks);
    }
    return new MigrationPlan(
        migrationId,
        request.vm(),
        vm.uuid(),
        located.host(),
        request.destination(),
        destinationName,
        options,
        resolved,
        disks,
        vm.memoryBytes(),
        migrationUri(options, hosts.config(request.destination())));
  }

  /** The guest and the host it is on. */
  private record Located(String host, DomainFacts vm) {}

  /** Reads the guest on the named source, or on every host at once when the request names none. */
  private Located locate(MigrationRequest request) {
    String vm = request.vm();
    if (request.source() != null) {
      DomainFacts facts =
          hosts
              .get(request.source())
              .domain(vm)
              .orElseThrow(
                  () ->
                      new FerryException(
                          FailureType.VM_NOT_FOUND,
                          "VM '" + vm + "' does not exist on host " + request.source()));
      return new Located(request.source(), facts);
    }
    Map<String, CompletableFuture<Optional<DomainFacts>>> lookups = new LinkedHashMap<>();
    for (String name : hosts.names()) {
      lookups.put(name, ParallelReads.start(() -> hosts.get(name).domain(vm)));
    }
    List<Located> found = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    List<String> loginRefused = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<Optional<DomainFacts>>> lookup : lookups.entrySet()) {
      try {
        ParallelReads.await(lookup.getValue())
            .ifPresent(facts -> found.add(new Located(lookup.getKey(), facts)));
      } catch (FerryException e) {
        if (e.type() == FailureType.HOST_UNREACHABLE) {
          unreachable.add(lookup.getKey());
        } else if (e.type() == FailureType.AUTH_FAILED) {
          loginRefused.add(e.getMessage());
        } else {
          throw e;
        }
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.size() > 1) {
      throw new FerryException(
          FailureType.INVALID_OPTIONS,
          "VM '"
              + vm
              + "' exists on several hosts "
              + found.stream().map(Located::host).toList()
              + ": name the source with --from");
    }
    if (!loginRefused.isEmpty()) {
      // Retrying for the hosts that did not answer would meet the refused login again.
      throw new FerryException(
          FailureType.AUTH_FAILED,
          "VM '"
              + vm
              + "' not found on the hosts ferry could log in to"
              + (unreachable.isEmpty() ? "" : " (unreachable: " + unreachable + ")")
              + "; "
              + String.join("; ", loginRefused));
    }
    if (!unreachable.isEmpty()) {
      throw new FerryException(
          FailureType.HOST_UNREACHABLE,
          "VM '" + vm + "' not found on the reachable hosts; unreachable: " + unreachable);
    }
    throw new FerryException(
        FailureType.VM_NOT_FOUND,
        "VM '" + vm + "' does not exist on any host of the inventory " + hosts.names());
  }

  private static void checkDifferentHosts(String source, String destination) {
    if (source.equals(destination)) {
      throw new FerryException(
          FailureType.SAME_HOST, "VM is already on " + destination + ": choose another --to");
    }
  }

  private static void checkState(DomainFacts vm) {
    DomainState state = vm.observation().state();
    if (state == DomainState.CRASHED || state == DomainState.OTHER) {
      throw new FerryException(
          FailureType.UNSUPPORTED_STATE,
          "VM '" + vm.name() + "' is " + vm.observation().describe() + ": start or stop it first");
    }
    if (vm.observation().jobActive()) {
      throw new FerryException(
          FailureType.UNSUPPORTED_STATE,
          "VM '" + vm.name() + "' already has a job running (another migration or a save?)");
    }
  }

  private static void checkSameKind(
      HostFacts source, HostFacts destination, String sourceName, String destinationName) {
    if (!source.arch().equals(destination.arch())
        || !source.hypervisorType().equals(destination.hypervisorType())) {
      throw new FerryException(
          FailureType.INCOMPATIBLE_HOST,
          sourceName
              + " is "
              + source.arch()
              + "/"
              + source.hypervisorType()
              + " but "
              + destinationName
              + " is "
              + destination.arch()
              + "/"
              + destination.hypervisorType());
    }
  }

  private static void checkNoPassthrough(DomainFacts vm) {
    if (!vm.hostDevices().isEmpty()) {
      throw new FerryException(
          FailureType.PASSTHROUGH_DEVICE,
          "VM '"
              + vm.name()
              + "' uses host devices "
              + vm.hostDevices()
              + " that cannot move with it: detach them first");
    }
  }

  private static void checkNoClash(Hypervisor destination, DomainFacts vm, String name) {
    if (destination.domain(name).isPresent()) {
      throw new FerryException(
          FailureType.NAME_CLASH,
          "host "
              + destination.hostName()
              + " already has a domain named '"
              + name
              + "': rename with --rename or remove it");
    }
    Optional<String> sameUuid = destination.domainNameByUuid(vm.uuid());
    if (sameUuid.isPresent()) {
      throw new FerryException(
          FailureType.NAME_CLASH,
          "host "
              + destination.hostName()
              + " already has domain '"
              + sameUuid.get()
              + "' with the same UUID "
              + vm.uuid());
    }
  }

  /**
   * Shared means proven shared: a directory both hosts declare shared storage in the inventory, or
   * a probe written beside the image on the source and read on the destination. An image of the
   * same path and size on the destination is no proof: ferry leaves the source's image behind after
   * a copy, so a guest coming back finds its own stale image. With {@code --storage-copy none} the
   * operator says every disk is shared, and an image there of the same size is taken at its word.
   */
  private List<DiskPlan> classifyDisks(
      DomainFacts vm,
      Hypervisor source,
      Hypervisor destination,
      MigrationOptions options,
      String migrationId) {
    HostConfig sourceConfig = hosts.config(source.hostName());
    HostConfig destinationConfig = hosts.config(destination.hostName());
    Map<String, Boolean> probed = new HashMap<>();
    List<DiskPlan> disks = new ArrayList<>();
    for (DiskFacts disk : vm.disks()) {
      if (disk.removable()) {
        checkDrive(destination, disk);
        continue;
      }
      switch (disk.source()) {
        case OTHER ->
            throw new FerryException(
                FailureType.INCOMPATIBLE_HOST,
                "disk "
                    + disk.target()
                    + " is of unknown type "
                    + disk.detail()
                    + ": ferry cannot tell whether the destination reaches its storage; detach"
                    + " it or move the guest to file storage");
        case NETWORK -> {
          disks.add(networkDisk(disk, options));
          continue;
        }
        case BLOCK -> {
          if (disk.path() == null) {
            continue; // no source: nothing to move
          }
          if (!declaredShared(sourceConfig, destinationConfig, disk.path())) {
            throw new FerryException(
                FailureType.INCOMPATIBLE_HOST,
                "disk "
                    + disk.target()
                    + " is the block device "
                    + disk.path()
                    + ", which ferry cannot copy (it cannot create a block device on "
                    + destination.hostName()
                    + ") nor prove shared (a probe cannot be written to a device): if "
                    + destination.hostName()
                    + " reaches the same device, declare it under sharedStorage of both hosts in"
                    + " the inventory; otherwise move the guest to file storage");
          }
          disks.add(
              new DiskPlan(
                  disk.target(),
                  disk.path(),
                  disk.format(),
                  disk.capacityBytes(),
                  true,
                  false,
                  disk.backing()));
          continue;
        }
        case VOLUME -> {
          if (disk.path() == null && disk.detail() == null) {
            continue; // no source: nothing to move
          }
          if (disk.path() == null) {
            throw new FerryException(
                FailureType.INCOMPATIBLE_HOST,
                "disk "
                    + disk.target()
                    + " names volume "
                    + volumeName(disk.detail())
                    + " of storage pool "
                    + poolName(disk.detail())
                    + ", which "
                    + source.hostName()
                    + " cannot resolve to a path: start the pool or fix the disk's source");
          }
          // resolved: a file disk at that path
        }
        case FILE -> {
          if (disk.path() == null) {
            continue; // an empty drive has nothing to move
          }
        }
      }
      Optional<Long> there = destination.volumeSize(disk.path());
      if (there.isPresent() && there.get() != disk.capacityBytes()) {
        throw new FerryException(
            FailureType.NAME_CLASH,
            "host "
                + destination.hostName()
                + " already has a different image at "
                + disk.path()
                + " ("
                + there.get()
                + " bytes, disk "
                + disk.target()
                + " has "
                + disk.capacityBytes()
                + "): it will not be overwritten");
      }
      boolean shared;
      if (options.storageCopy() == StorageCopy.NONE) {
        shared = there.isPresent();
      } else if (declaredShared(sourceConfig, destinationConfig, disk.path())) {
        if (there.isEmpty()) {
          throw new FerryException(
              FailureType.INCOMPATIBLE_HOST,
              "the inventory declares "
                  + disk.path()
                  + " shared storage of "
                  + source.hostName()
                  + " and "
                  + destination.hostName()
                  + ", but "
                  + destination.hostName()
                  + " has no image there (disk "
                  + disk.target()
                  + "): check that the storage is mounted there");
        }
        shared = true;
      } else {
        shared =
            there.isPresent()
                && probed.computeIfAbsent(
                    SharedProbe.directory(disk.path()),
                    directory -> probe(source, destination, disk.path()));
      }
      if (there.isPresent() && !shared) {
        requireTakenOver(destination, disk, new ImageOwner(vm.uuid(), migrationId));
      }
      disks.add(
          new DiskPlan(
              disk.target(),
              disk.path(),
              disk.format(),
              disk.capacityBytes(),
              shared,
              false,
              disk.backing()));
    }
    return disks;
  }

  /**
   * A network disk: both hosts reach the same remote storage, so it is shared by nature and never
   * copied. Naming it for a copy is refused: there is no image for ferry to send.
   */
  private static DiskPlan networkDisk(DiskFacts disk, MigrationOptions options) {
    if (options.storageCopy() != StorageCopy.NONE && options.disks().contains(disk.target())) {
      throw new FerryException(
          FailureType.INVALID_OPTIONS,
          "disk "
              + disk.target()
              + " is the network disk "
              + describeNetwork(disk)
              + ", which both hosts reach: it is never copied; leave it out of --disk");
    }
    return new DiskPlan(
        disk.target(),
        describeNetwork(disk),
        disk.format(),
        disk.capacityBytes(),
        true,
        false,
        null);
  }

  private static String describeNetwork(DiskFacts disk) {
    String name = disk.path() == null ? "" : disk.path();
    return disk.detail() == null ? name : disk.detail() + ":" + name;
  }

  private static String poolName(String poolAndVolume) {
    int slash = poolAndVolume.indexOf('/');
    return slash < 0 ? poolAndVolume : poolAndVolume.substring(0, slash);
  }

  private static String volumeName(String poolAndVolume) {
    int slash = poolAndVolume.indexOf('/');
    return slash < 0 ? "" : poolAndVolume.substring(slash + 1);
  }

  /**
   * A CD-ROM or floppy is never copied: an empty drive is fine; an image in it must be on the
   * destination at the same path, or the guest could not start there.
   */
  private static void checkDrive(Hypervisor destination, DiskFacts drive) {
    if (drive.source() == DiskSource.VOLUME && drive.path() == null && drive.detail() != null) {
      throw new FerryException(
          FailureType.INCOMPATIBLE_HOST,
          drive.device()
              + " drive "
              + drive.target()
              + " holds volume "
              + volumeName(drive.detail())
              + " of storage pool "
              + poolName(drive.detail())
              + ", which the source cannot resolve to a path: eject it, or start the pool");
    }
    if (drive.source() == DiskSource.OTHER) {
      throw new FerryException(
          FailureType.INCOMPATIBLE_HOST,
          drive.device()
              + " drive "
              + drive.target()
              + " is of unknown type "
              + drive.detail()
              + ": eject it");
    }
    if (drive.path() == null || drive.source() == DiskSource.NETWORK) {
      return; // empty, or remote storage both hosts reach
    }
    if (destination.volumeSize(drive.path()).isEmpty()) {
      throw new FerryException(
          FailureType.INCOMPATIBLE_HOST,
          drive.device()
              + " drive "
              + drive.target()
              + " holds "
              + drive.path()
              + ", which host "
              + destination.hostName()
              + " does not have: eject it, or put the image there at the same path");
    }
  }

  /**
   * An incremental copy sends only the top image of each copied disk: the destination must already
   * have the backing file at the same path, and prepare creates the overlay on it.
   */
  private static void checkBackingChains(Hypervisor destination, List<DiskPlan> disks) {
    for (DiskPlan disk : disks) {
      if (!disk.copy()) {
        continue;
      }
      if (disk.backing() == null) {
        throw new FerryException(
            FailureType.INVALID_OPTIONS,
            "disk "
                + disk.target()
                + " ("
                + disk.path()
                + ") has no backing file: an incremental copy sends only an overlay's top image;"
                + " use --storage-copy all");
      }
      if (destination.volumeSize(disk.backing().path()).isEmpty()) {
        throw new FerryException(
            FailureType.INCOMPATIBLE_HOST,
            "host "
                + destination.hostName()
                + " has no backing file "
                + disk.backing().path()
                + " for disk "
                + disk.target()
                + " ("
                + disk.path()
                + "): an incremental copy sends only the top image; put the backing file there at"
                + " the same path first, or use --storage-copy all");
      }
    }
  }

  private static boolean declaredShared(HostConfig source, HostConfig destination, String path) {
    return source.sharedStorageFor(path).isPresent()
        && destination.sharedStorageFor(path).isPresent();
  }

  /**
   * Writes a probe beside the image on the source and looks for it on the destination. The check
   * otherwise only reads; this probe is the one thing it writes, an empty file it always deletes.
   */
  private static boolean probe(Hypervisor source, Hypervisor destination, String imagePath) {
    Optional<String> probe = source.createSharedProbe(imagePath);
    if (probe.isEmpty()) {
      return false;
    }
    boolean seen;
    try {
      seen = destination.volumeSize(probe.get()).isPresent();
    } catch (RuntimeException e) {
      try {
        source.deleteSharedProbe(probe.get());
      } catch (RuntimeException notDeleted) {
        e.addSuppressed(notDeleted);
      }
      throw e;
    }
    source.deleteSharedProbe(probe.get());
    return seen;
  }

  /**
   * An image at the disk's path on the destination that is not shared: the disk is copied, and
   * prepare would meet the image. It goes on only if prepare may take the image over (an earlier
   * migration of this guest made it and a cleanup of it is pending); anything else is refused now,
   * before anything changes.
   */
  private static void requireTakenOver(Hypervisor destination, DiskFacts disk, ImageOwner owner) {
    ImageClaims.Mark mark = destination.imageMark(disk.path(), owner);
    if (mark == ImageClaims.Mark.OURS || mark == ImageClaims.Mark.SAME_GUEST) {
      return;
    }
    throw new FerryException(
        FailureType.NAME_CLASH,
        "host "
            + destination.hostName()
            + " already has an image at "
            + disk.path()
            + " (disk "
            + disk.target()
            + ") that ferry cannot prove is shared with the source: if it is a stale copy (ferry"
            + " leaves the source's image behind after copying a disk), remove it; if the storage"
            + " is shared, declare the directory under sharedStorage of both hosts in the"
            + " inventory");
  }

  private static void checkCpu(Hypervisor destination, DomainFacts vm) {
    if (!destination.canRunCpu(vm.cpuModel())) {
      throw new FerryException(
          FailureType.CPU_INCOMPATIBLE,
          "host "
              + destination.hostName()
              + " cannot provide CPU model "
              + vm.cpuModel()
              + " that VM '"
              + vm.name()
              + "' runs with");
    }
  }

  private void checkMemory(
      HostFacts destination, DomainFacts vm, String destinationName, String migrationId) {
    long reserved = reservations.reservedOn(destinationName, migrationId);
    long free =
        hosts
            .config(destinationName)
            .usableFreeMemoryBytes(destination.memoryTotalBytes(), destination.memoryFreeBytes());
    long available = free - reserved;
    if (available < vm.memoryBytes()) {
      throw new FerryException(
          FailureType.INSUFFICIENT_MEMORY,
          "host "
              + destinationName
              + " has "
              + available / MIB
              + " MiB free ("
              + reserved / MIB
              + " MiB reserved by other migrations) but VM '"
              + vm.name()
              + "' needs "
              + vm.memoryBytes() / MIB
              + " MiB");
    }
  }

  /**
   * The stream goes to the destination's migration address, not to whatever its name resolves to.
   */
  private static String migrationUri(MigrationOptions options, HostConfig destination) {
    if (options.tunnelled()) {
      return null;
    }
    if (options.migrationUri() != null) {
      return options.migrationUri();
    }
    String address = destination.effectiveMigrationAddress();
    return "tcp://"
        + (address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address);
  }
}
