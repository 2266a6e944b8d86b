package dev.ferry.hypervisor.libvirt;

import dev.ferry.options.MigrationFlag;
import java.util.Collection;

/**
 * The one mapping from ferry's {@link MigrationFlag} to libvirt's {@code VIR_MIGRATE_*} bits. The
 * values are libvirt's documented, stable ABI values; the switch has no default, so a new flag
 * fails compilation until it is mapped here.
 */
final class MigrationFlags {
  static final long VIR_MIGRATE_LIVE = 1L << 0;
  static final long VIR_MIGRATE_PEER2PEER = 1L << 1;
  static final long VIR_MIGRATE_TUNNELLED = 1L << 2;
  static final long VIR_MIGRATE_PERSIST_DEST = 1L << 3;
  static final long VIR_MIGRATE_UNDEFINE_SOURCE = 1L << 4;
  static final long VIR_MIGRATE_PAUSED = 1L << 5;
  static final long VIR_MIGRATE_NON_SHARED_DISK = 1L << 6;
  static final long VIR_MIGRATE_NON_SHARED_INC = 1L << 7;
  static final long VIR_MIGRATE_CHANGE_PROTECTION = 1L << 8;
  static final long VIR_MIGRATE_OFFLINE = 1L << 10;
  static final long VIR_MIGRATE_COMPRESSED = 1L << 11;
  static final long VIR_MIGRATE_ABORT_ON_ERROR = 1L << 12;
  static final long VIR_MIGRATE_AUTO_CONVERGE = 1L << 13;
  static final long VIR_MIGRATE_POSTCOPY = 1L << 15;
  static final long VIR_MIGRATE_TLS = 1L << 16;
  static final long VIR_MIGRATE_PARALLEL = 1L << 17;

  /**
   * Not a ferry option: set only to resume an interrupted post-copy migration. (Bit 18, between it
   * and {@link #VIR_MIGRATE_PARALLEL}, is libvirt's synchronous-writes flag.)
   */
  static final long VIR_MIGRATE_POSTCOPY_RESUME = 1L << 19;

  private MigrationFlags() {}

  /** The libvirt bit of one flag. */
  static long bit(MigrationFlag flag) {
    return switch (flag) {
      case LIVE -> VIR_MIGRATE_LIVE;
      case OFFLINE -> VIR_MIGRATE_OFFLINE;
      case PEER_TO_PEER -> VIR_MIGRATE_PEER2PEER;
      case TUNNELLED -> VIR_MIGRATE_TUNNELLED;
      case PERSIST_DEST -> VIR_MIGRATE_PERSIST_DEST;
      case UNDEFINE_SOURCE -> VIR_MIGRATE_UNDEFINE_SOURCE;
      case PAUSED -> VIR_MIGRATE_PAUSED;
      case NON_SHARED_DISK -> VIR_MIGRATE_NON_SHARED_DISK;
      case NON_SHARED_INC -> VIR_MIGRATE_NON_SHARED_INC;
      case CHANGE_PROTECTION -> VIR_MIGRATE_CHANGE_PROTECTION;
      case AUTO_CONVERGE -> VIR_MIGRATE_AUTO_CONVERGE;
      case POSTCOPY -> VIR_MIGRATE_POSTCOPY;
      case COMPRESSED -> VIR_MIGRATE_COMPRESSED;
      case PARALLEL -> VIR_MIGRATE_PARALLEL;
      case TLS -> VIR_MIGRATE_TLS;
      case ABORT_ON_ERROR -> VIR_MIGRATE_ABORT_ON_ERROR;
    };
  }

  /** The flags word for a set of ferry flags. */
  static long of(Collection<MigrationFlag> flags) {
    long bits = 0;
    for (MigrationFlag flag : flags) {
      bits |= bit(flag);
    }
    return bits;
  }
}
