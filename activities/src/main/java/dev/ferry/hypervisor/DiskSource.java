package dev.ferry.hypervisor;

/** Where a disk's data lives, as its domain XML's {@code <disk type='...'>} says. */
public enum DiskSource {
  /** An image file on the host. */
  FILE,
  /** A block device on the host (an LVM volume, a partition, a LUN). */
  BLOCK,
  /** Remote storage both hosts reach over the network (Ceph RBD, iSCSI, NBD, ...). */
  NETWORK,
  /** A volume of a libvirt storage pool, named by pool and volume. */
  VOLUME,
  /** A type ferry does not know; the check refuses it. */
  OTHER
}
