package dev.ferry.hypervisor.libvirt;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import org.libvirt.Connect;
import org.libvirt.ConnectAuth;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * A libvirt-java connection that also serves the native calls of {@link VirtNative} on the same
 * connection: {@code vcp} is protected, so a subclass reaches the pointer without reflection and
 * without a second connection per host.
 */
final class NativeConnect extends Connect {
  /** A native call failed; carries libvirt's error, read on the failing thread. */
  static final class NativeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Error error;

    NativeException(Error error, String what) {
      super(what);
      this.error = error;
    }

    Error error() {
      return error;
    }
  }

  NativeConnect(String uri, ConnectAuth auth) throws LibvirtException {
    super(uri, auth, 0);
  }

  /** Domain state and reason as {@code {state, reason}}; null when there is no such domain. */
  int[] domainState(String name) throws NativeException {
    return withDomain(
        name,
        domain -> {
          IntByReference state = new IntByReference();
          IntByReference reason = new IntByReference();
          check(lib().virDomainGetState(domain, state, reason, 0), "virDomainGetState");
          return new int[] {state.getValue(), reason.getValue()};
        });
  }

  /** Max downtime in force, in milliseconds; null when there is no such domain. */
  Long maxDowntimeMs(String name) throws NativeException {
    return withDomain(
        name,
        domain -> {
          LongByReference value = new LongByReference();
          check(lib().virDomainMigrateGetMaxDowntime(domain, value, 0), "getMaxDowntime");
          return value.getValue();
        });
  }

  /** Migration bandwidth cap in MiB/s; null when there is no such domain. */
  Long maxSpeedMiBps(String name) throws NativeException {
    return withDomain(
        name,
        domain -> {
          NativeLongByReference value = new NativeLongByReference();
          check(lib().virDomainMigrateGetMaxSpeed(domain, value, 0), "getMaxSpeed");
          return value.getValue().longValue();
        });
  }

  void setMaxSpeedMiBps(String name, long mibps) throws NativeException {
    withDomain(
        name,
        domain ->
            check(
                lib().virDomainMigrateSetMaxSpeed(domain, new NativeLong(mibps), 0),
                "setMaxSpeed"));
  }

  void startPostCopy(String name) throws NativeException {
    withDomain(
        name, domain -> check(lib().virDomainMigrateStartPostCopy(domain, 0), "startPostCopy"));
  }

  /** {@code virConnectCompareHypervisorCPU}: -1 error, 0 incompatible, 1 identical, 2 superset. */
  int compareHypervisorCpu(String arch, String virtType, String cpuXml) throws NativeException {
    return check(
        lib().virConnectCompareHypervisorCPU(pointer(), null, arch, null, virtType, cpuXml, 0),
        "compareHypervisorCPU");
  }

  private interface DomainCall<T> {
    T apply(Pointer domain) throws NativeException;
  }

  private <T> T withDomain(String name, DomainCall<T> call) throws NativeException {
    Pointer domain = lib().virDomainLookupByName(pointer(), name);
    if (domain == null) {
      Error error = lastError("lookup " + name).error();
      if (error != null && error.getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
        return null;
      }
      throw new NativeException(error, "lookup " + name);
    }
    try {
      return call.apply(domain);
    } finally {
      lib().virDomainFree(domain);
    }
  }

  private Pointer pointer() throws NativeException {
    if (vcp == null) {
      throw new NativeException(null, "connection closed");
    }
    return vcp.getPointer();
  }

  private static int check(int result, String what) throws NativeException {
    if (result < 0) {
      throw lastError(what);
    }
    return result;
  }

  private static NativeException lastError(String what) {
    org.libvirt.jna.virError raw = lib().virGetLastError();
    return new NativeException(raw == null ? null : new Error(raw), what);
  }

  private static VirtNative lib() {
    return VirtNative.Holder.LIBVIRT;
  }
}
