package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.failure.FailureType;
import dev.ferry.hypervisor.libvirt.LibvirtErrors.Context;
import org.junit.jupiter.api.Test;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;

class LibvirtErrorsTest {
  private static void expect(
      FailureType type, ErrorNumber code, ErrorDomain domain, Context context) {
    assertEquals(type, LibvirtErrors.classify(code, domain, context), code + "/" + domain);
  }

  @Test
  void classifiesEachCode() {
    ErrorDomain qemu = ErrorDomain.VIR_FROM_QEMU;
    expect(FailureType.VM_NOT_FOUND, ErrorNumber.VIR_ERR_NO_DOMAIN, qemu, Context.CALL);
    expect(FailureType.NAME_CLASH, ErrorNumber.VIR_ERR_DOM_EXIST, qemu, Context.MIGRATION);
    expect(FailureType.CPU_INCOMPATIBLE, ErrorNumber.VIR_ERR_CPU_INCOMPATIBLE, qemu, Context.CALL);
    expect(
        FailureType.MIGRATION_FAILED,
        ErrorNumber.VIR_ERR_OPERATION_ABORTED,
        qemu,
        Context.MIGRATION);
    expect(FailureType.MIGRATION_FAILED, ErrorNumber.VIR_ERR_MIGRATE_UNSAFE, qemu, Context.CALL);
    expect(FailureType.HOST_UNREACHABLE, ErrorNumber.VIR_ERR_NO_CONNECT, qemu, Context.CALL);
    expect(FailureType.HOST_UNREACHABLE, ErrorNumber.VIR_ERR_INVALID_CONN, qemu, Context.CALL);
    expect(
        FailureType.HOST_UNREACHABLE,
        ErrorNumber.VIR_ERR_RPC,
        ErrorDomain.VIR_FROM_RPC,
        Context.MIGRATION);
    expect(
        FailureType.HOST_UNREACHABLE,
        ErrorNumber.VIR_ERR_SYSTEM_ERROR,
        ErrorDomain.VIR_FROM_RPC,
        Context.CALL);
    expect(FailureType.HOST_UNREACHABLE, ErrorNumber.VIR_ERR_AUTH_FAILED, qemu, Context.CALL);
    expect(FailureType.HYPERVISOR_ERROR, ErrorNumber.VIR_ERR_OPERATION_INVALID, qemu, Context.CALL);
    expect(FailureType.HYPERVISOR_ERROR, ErrorNumber.VIR_ERR_INTERNAL_ERROR, qemu, Context.CALL);
    expect(
        FailureType.MIGRATION_FAILED,
        ErrorNumber.VIR_ERR_OPERATION_FAILED,
        qemu,
        Context.MIGRATION);
  }

  @Test
  void aSystemErrorOutsideTheConnectionIsNotALostConnection() {
    assertFalse(
        LibvirtErrors.connectionLost(ErrorNumber.VIR_ERR_SYSTEM_ERROR, ErrorDomain.VIR_FROM_QEMU));
    assertTrue(
        LibvirtErrors.connectionLost(
            ErrorNumber.VIR_ERR_SYSTEM_ERROR, ErrorDomain.VIR_FROM_REMOTE));
  }

  @Test
  void stripsUserInformationFromUris() {
    assertEquals(
        "cannot reach qemu+ssh://kvm-1/system nor qemu+tcp://10.0.0.2/system",
        LibvirtErrors.sanitize(
            "cannot reach qemu+ssh://admin:s3cret@kvm-1/system nor qemu+tcp://10.0.0.2/system"));
  }
}
