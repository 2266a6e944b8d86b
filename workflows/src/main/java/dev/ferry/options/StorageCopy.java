package dev.ferry.options;

/** Which disks are copied to the destination during the migration. */
public enum StorageCopy {
  /** Copy exactly the disks not proven shared with the destination, in full. */
  AUTO,
  /** Copy nothing: every disk must be shared with the destination. */
  NONE,
  /** Copy the selected (default: all non-shared) disks in full. */
  ALL,
  /**
   * Copy only the top image of the selected disks, each an overlay whose backing file the
   * destination has at the same path.
   */
  INCREMENTAL
}
