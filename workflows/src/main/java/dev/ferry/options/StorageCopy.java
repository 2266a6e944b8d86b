package dev.ferry.options;

/** Which disks are copied to the destination during the migration. */
public enum StorageCopy {
  /** Copy exactly the disks the destination cannot see (non-shared), in full. */
  AUTO,
  /** Copy nothing: every disk must be shared with the destination. */
  NONE,
  /** Copy the selected (default: all non-shared) disks in full. */
  ALL,
  /** Copy only the top image of the selected disks; the backing chain must be shared. */
  INCREMENTAL
}
