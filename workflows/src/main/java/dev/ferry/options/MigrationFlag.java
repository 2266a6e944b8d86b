package dev.ferry.options;

/**
 * ferry's own migration flags. Each one maps to exactly one libvirt {@code VIR_MIGRATE_*} flag in
 * the libvirt driver; the simulated driver reads them directly.
 */
public enum MigrationFlag {
  /** Keep the guest running while memory is copied. */
  LIVE,
  /** Move only the definition of a shut-off guest. */
  OFFLINE,
  /** The source daemon talks to the destination daemon itself; survives the client dying. */
  PEER_TO_PEER,
  /** Carry the migration stream inside the libvirt connection. */
  TUNNELLED,
  /** Define the guest persistently on the destination. */
  PERSIST_DEST,
  /** Remove the guest's definition from the source once it moved. */
  UNDEFINE_SOURCE,
  /** Leave the guest paused on the destination. */
  PAUSED,
  /** Copy non-shared disks in full. */
  NON_SHARED_DISK,
  /** Copy only the top image of non-shared disks. */
  NON_SHARED_INC,
  /** Refuse configuration changes to the guest while it migrates. */
  CHANGE_PROTECTION,
  /** Slow the guest's vCPUs when memory does not converge. */
  AUTO_CONVERGE,
  /** Allow switching to post-copy. */
  POSTCOPY,
  /** Compress the memory stream. */
  COMPRESSED,
  /** Use several connections for the memory stream. */
  PARALLEL,
  /** Encrypt the native migration stream with TLS. */
  TLS,
  /** Abort the migration if a disk I/O error pauses the guest. */
  ABORT_ON_ERROR
}
