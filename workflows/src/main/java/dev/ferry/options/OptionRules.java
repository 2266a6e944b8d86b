package dev.ferry.options;

import dev.ferry.disk.DiskPlan;
import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.reconcile.DomainState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules that turn options into flags. {@link #conflicts} needs only the options, so the CLI can
 * refuse before starting anything; {@link #resolve} also needs the guest's state and disks, and
 * runs in the capability check.
 */
public final class OptionRules {
  /**
   * libvirt refuses a tunnelled migration that copies disks: QEMU copies them over a connection of
   * their own (NBD), which the tunnel cannot carry.
   */
  private static final String TUNNELLED_COPY = "tunnelled migration cannot copy disks";

  private OptionRules() {}

  /** Every combination of options that cannot work, each as one sentence; empty when fine. */
  public static List<String> conflicts(MigrationOptions o) {
    List<String> problems = new ArrayList<>();
    boolean offline = o.mode() == MigrationMode.OFFLINE;
    if (offline) {
      offlineConflicts(o, problems);
    }
    if (o.tunnelled() && !o.peerToPeer()) {
      problems.add("tunnelled migration needs peer-to-peer: drop --no-p2p or --tunnelled");
    }
    if (o.tunnelled() && o.parallelConnections() != null) {
      problems.add("tunnelled migration cannot use parallel connections: drop one of them");
    }
    if (o.tunnelled() && o.tls()) {
      problems.add("tunnelled and TLS are two ways to protect the stream: choose one");
    }
    if (o.tunnelled() && o.migrationUri() != null) {
      problems.add("tunnelled migration carries the stream in the libvirt connection: drop --uri");
    }
    if (o.tunnelled()
        && (o.storageCopy() == StorageCopy.ALL || o.storageCopy() == StorageCopy.INCREMENTAL)) {
      problems.add(
          TUNNELLED_COPY
              + ": drop --tunnelled or --storage-copy "
              + o.storageCopy().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (o.allowPostcopy()) {
      postcopyConflicts(o, "--postcopy", problems);
    } else if (o.mode() == MigrationMode.LIVE && o.convergence().allowPostcopy()) {
      postcopyConflicts(o, "--convergence " + o.convergence().name(), problems);
    }
    if (o.compression().needsParallel() && o.parallelConnections() == null) {
      problems.add(
          "compression "
              + o.compression().name().toLowerCase(java.util.Locale.ROOT)
              + " needs parallel connections: add --parallel N or use xbzrle");
    }
    if (o.storageCopy() == StorageCopy.NONE && !o.disks().isEmpty()) {
      problems.add("disks " + o.disks() + " are listed for copy but storage copy is none");
    }
    return problems;
  }

  /**
   * Post-copy with options libvirt refuses it with before the migration starts.
   *
   * @param postcopy the option that allows post-copy, as the operator gave it
   */
  private static void postcopyConflicts(
      MigrationOptions o, String postcopy, List<String> problems) {
    if (o.tunnelled()) {
      problems.add(
          "tunnelled migration cannot switch to post-copy: drop --tunnelled or " + postcopy);
    }
    if (o.pausedOnDestination()) {
      problems.add(
          "post-copy runs the guest on the destination, so it cannot be left paused there: drop"
              + " --paused or "
              + postcopy);
    }
  }

  private static void offlineConflicts(MigrationOptions o, List<String> problems) {
    if (o.allowPostcopy()) {
      problems.add(
          "offline migration cannot use post-copy: a shut-off guest has no memory to move");
    }
    if (o.autoConverge()) {
      problems.add("offline migration cannot auto-converge: a shut-off guest dirties no memory");
    }
    if (o.compression() != Compression.NONE || o.parallelConnections() != null) {
      problems.add("offline migration moves no memory: drop compression and parallel connections");
    }
    if (!o.persistDestination()) {
      problems.add("offline migration only moves the definition: it needs persist on destination");
    }
    if (o.pausedOnDestination()) {
      problems.add("offline migration leaves the guest shut off: it cannot be left paused");
    }
    if (o.storageCopy() == StorageCopy.ALL || o.storageCopy() == StorageCopy.INCREMENTAL) {
      problems.add("offline migration cannot copy storage: move the disks first or migrate live");
    }
  }

  /**
   * Decides live or offline, which disks to copy, and the flags.
   *
   * @param state the guest's current state on the source
   * @param disks the guest's disks, classified shared or not (their copy field is ignored)
   * @return the options as flags and disk selections
   * @throws FerryException of type {@code INVALID_OPTIONS} naming every problem found
   */
  public static ResolvedOptions resolve(
      MigrationOptions o, DomainState state, List<DiskPlan> disks) {
    List<String> problems = new ArrayList<>(conflicts(o));
    boolean active = state == DomainState.RUNNING || state == DomainState.PAUSED;
    boolean live = o.mode() == MigrationMode.LIVE || (o.mode() == MigrationMode.AUTO && active);
    if (live && !active) {
      problems.add("live migration needs a running or paused guest, but it is " + describe(state));
    }
    if (!live && active) {
      problems.add("offline migration needs a shut-off guest, but it is " + describe(state));
    }
    if (!live && o.mode() == MigrationMode.AUTO) {
      // AUTO chose offline from the state: the live-only options the operator set cannot apply.
      offlineConflicts(o, problems);
    }
    if (live
        && o.mode() == MigrationMode.AUTO
        && !o.allowPostcopy()
        && o.convergence().allowPostcopy()) {
      // AUTO chose live: the policy's post-copy now applies (conflicts left it to the state).
      postcopyConflicts(o, "--convergence " + o.convergence().name(), problems);
    }
    List<String> toCopy = disksToCopy(o, live, disks, problems);
    if (o.tunnelled() && o.storageCopy() == StorageCopy.AUTO && !toCopy.isEmpty()) {
      problems.add(
          TUNNELLED_COPY
              + ", but disks "
              + toCopy
              + " are not visible on the destination: drop --tunnelled or share them with it");
    }
    if (!problems.isEmpty()) {
      throw new FerryException(FailureType.INVALID_OPTIONS, String.join("; ", problems));
    }
    return new ResolvedOptions(live, flags(o, live, toCopy), toCopy);
  }

  private static List<String> disksToCopy(
      MigrationOptions o, boolean live, List<DiskPlan> disks, List<String> problems) {
    Set<String> known = disks.stream().map(DiskPlan::target).collect(Collectors.toSet());
    for (String wanted : o.disks()) {
      if (!known.contains(wanted)) {
        problems.add("disk '" + wanted + "' is not a disk of this guest (it has " + known + ")");
      }
    }
    List<String> toCopy = new ArrayList<>();
    for (DiskPlan disk : disks) {
      boolean listed = o.disks().contains(disk.target());
      if (disk.shared() && listed) {
        problems.add(
            "disk "
                + disk.target()
                + " is shared with the destination: copying it would overwrite the live image");
      } else if (!disk.shared()) {
        if (o.storageCopy() == StorageCopy.NONE || (!o.disks().isEmpty() && !listed)) {
          problems.add(
              "disk "
                  + disk.target()
                  + " ("
                  + disk.path()
                  + ") is not visible on the destination and would not be copied");
        } else if (!live) {
          problems.add(
              "disk "
                  + disk.target()
                  + " is local to the source and an offline migration cannot copy it");
        } else {
          toCopy.add(disk.target());
        }
      }
    }
    return toCopy;
  }

  private static List<MigrationFlag> flags(MigrationOptions o, boolean live, List<String> toCopy) {
    Set<MigrationFlag> flags = EnumSet.noneOf(MigrationFlag.class);
    if (live) {
      flags.add(MigrationFlag.LIVE);
      flags.add(MigrationFlag.CHANGE_PROTECTION);
      flags.add(MigrationFlag.ABORT_ON_ERROR);
    } else {
      flags.add(MigrationFlag.OFFLINE);
    }
    if (o.peerToPeer()) {
      flags.add(MigrationFlag.PEER_TO_PEER);
    }
    addIf(flags, o.tunnelled(), MigrationFlag.TUNNELLED);
    addIf(flags, o.persistDestination(), MigrationFlag.PERSIST_DEST);
    addIf(flags, o.undefineSource(), MigrationFlag.UNDEFINE_SOURCE);
    addIf(flags, o.pausedOnDestination(), MigrationFlag.PAUSED);
    if (!toCopy.isEmpty()) {
      flags.add(
          o.storageCopy() == StorageCopy.INCREMENTAL
              ? MigrationFlag.NON_SHARED_INC
              : MigrationFlag.NON_SHARED_DISK);
    }
    addIf(flags, o.autoConverge(), MigrationFlag.AUTO_CONVERGE);
    // A convergence policy that allows post-copy needs the flag from the start, as libvirt does;
    // it has no meaning for an offline migration, where the policy never runs.
    addIf(flags, o.allowPostcopy() || (live && o.postcopyAllowed()), MigrationFlag.POSTCOPY);
    addIf(flags, o.compression() != Compression.NONE, MigrationFlag.COMPRESSED);
    addIf(flags, o.parallelConnections() != null, MigrationFlag.PARALLEL);
    addIf(flags, o.tls(), MigrationFlag.TLS);
    return List.copyOf(flags);
  }

  private static void addIf(Set<MigrationFlag> flags, boolean condition, MigrationFlag flag) {
    if (condition) {
      flags.add(flag);
    }
  }

  private static String describe(DomainState state) {
    return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
