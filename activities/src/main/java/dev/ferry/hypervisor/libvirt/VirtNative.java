package dev.ferry.hypervisor.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import org.libvirt.jna.virError;

/**
 * The few libvirt calls libvirt-java 0.5.4 lacks, bound directly. Pointers are borrowed: a
 * connection pointer belongs to its {@link NativeConnect}; a domain pointer comes from {@link
 * #virDomainLookupByName} and must be released with {@link #virDomainFree}.
 */
interface VirtNative extends Library {
  /** Loaded on first use, so code that never talks to libvirt never needs the library. */
  final class Holder {
    static final VirtNative LIBVIRT = Native.load("virt", VirtNative.class);

    private Holder() {}
  }

  int VIR_DOMAIN_JOB_STATS_COMPLETED = 1;

  Pointer virDomainLookupByName(Pointer conn, String name);

  int virDomainFree(Pointer domain);

  /** {@code virDomainGetState}: state and reason, which libvirt-java cannot read. */
  int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);

  /** -1 error, 0 incompatible, 1 identical, 2 superset. */
  int virConnectCompareHypervisorCPU(
      Pointer conn,
      String emulator,
      String arch,
      String machine,
      String virttype,
      String xmlCpu,
      int flags);

  /** Max downtime in milliseconds (libvirt 3.7 and later). */
  int virDomainMigrateGetMaxDowntime(Pointer domain, LongByReference downtime, int flags);

  /** Bandwidth in MiB/s. */
  int virDomainMigrateGetMaxSpeed(Pointer domain, NativeLongByReference bandwidth, int flags);

  int virDomainMigrateSetMaxSpeed(Pointer domain, NativeLong bandwidth, int flags);

  int virDomainMigrateStartPostCopy(Pointer domain, int flags);

  /** The calling thread's last error, owned by libvirt (do not free). */
  virError virGetLastError();
}
