package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.libvirt.LibvirtErrors.Context;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.libvirt.Error;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.jna.virError;

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
    expect(FailureType.AUTH_FAILED, ErrorNumber.VIR_ERR_AUTH_FAILED, qemu, Context.CALL);
    expect(
        FailureType.AUTH_FAILED,
        ErrorNumber.VIR_ERR_AUTH_CANCELLED,
        ErrorDomain.VIR_FROM_REMOTE,
        Context.CALL);
    expect(
        FailureType.AUTH_FAILED,
        ErrorNumber.VIR_ERR_AUTH_UNAVAILABLE,
        ErrorDomain.VIR_FROM_REMOTE,
        Context.MIGRATION);
    expect(FailureType.HYPERVISOR_ERROR, ErrorNumber.VIR_ERR_OPERATION_INVALID, qemu, Context.CALL);
    expect(FailureType.HYPERVISOR_ERROR, ErrorNumber.VIR_ERR_INTERNAL_ERROR, qemu, Context.CALL);
    expect(
        FailureType.MIGRATION_FAILED,
        ErrorNumber.VIR_ERR_OPERATION_FAILED,
        qemu,
        Context.MIGRATION);
  }

  /** libvirt's error as libvirt-java builds it from the native one. */
  // libvirt-java's enums follow libvirt's numbering: a code's position is its native value.
  @SuppressWarnings("EnumOrdinal")
  private static Error error(ErrorNumber code, ErrorDomain domain, String message) {
    virError raw = new virError();
    raw.code = code.ordinal();
    raw.domain = domain.ordinal();
    raw.message = message;
    Error error = new Error(raw);
    assertEquals(code, error.getCode());
    return error;
  }

  static Stream<Arguments> refusedLogins() {
    return Stream.of(
        Arguments.of(
            ErrorNumber.VIR_ERR_AUTH_FAILED,
            "authentication failed: authentication failed",
            "authentication failed"),
        Arguments.of(
            ErrorNumber.VIR_ERR_AUTH_CANCELLED,
            "authentication cancelled: user cancelled authentication process",
            "cancelled"),
        Arguments.of(
            ErrorNumber.VIR_ERR_AUTH_UNAVAILABLE,
            "authentication unavailable: no polkit agent available to authenticate action",
            "unavailable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedLogins")
  void aRefusedLoginIsAnAuthenticationFailureNamingTheHostAndWhatToCheck(
      ErrorNumber code, String message, String kept) {
    FerryException e =
        LibvirtErrors.connectFailed(
            error(code, ErrorDomain.VIR_FROM_REMOTE, message), "kvm-2", null);

    assertEquals(FailureType.AUTH_FAILED, e.type(), e.getMessage());
    assertFalse(e.type().retryable());
    assertTrue(e.getMessage().startsWith("cannot log in to host kvm-2: "), e.getMessage());
    assertTrue(e.getMessage().contains(kept), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "check the username and password file (or variable) of the"
                    + " inventory's auth for kvm-2 and the SASL configuration of its libvirtd"),
        e.getMessage());
  }

  @Test
  void credentialsFerryCouldNotGiveAreAnAuthenticationFailureSayingWhy() {
    FerryException e =
        LibvirtErrors.connectFailed(
            error(
                ErrorNumber.VIR_ERR_AUTH_FAILED,
                ErrorDomain.VIR_FROM_REMOTE,
                "authentication failed: Failed to collect auth credentials"),
            "kvm-2",
            "the password file cannot be read: NoSuchFileException");

    assertEquals(FailureType.AUTH_FAILED, e.type());
    assertTrue(
        e.getMessage()
            .contains(
                "Failed to collect auth credentials (the password file cannot be read:"
                    + " NoSuchFileException)"),
        e.getMessage());
  }

  @Test
  void aHostThatDoesNotAnswerIsStillUnreachable() {
    FerryException e =
        LibvirtErrors.connectFailed(
            error(
                ErrorNumber.VIR_ERR_SYSTEM_ERROR,
                ErrorDomain.VIR_FROM_RPC,
                "unable to connect to server at 'kvm-2:16509': Connection refused"),
            "kvm-2",
            null);

    assertEquals(FailureType.HOST_UNREACHABLE, e.type());
    assertEquals(
        "cannot connect to host kvm-2: unable to connect to server at 'kvm-2:16509': Connection"
            + " refused",
        e.getMessage());
  }

  @Test
  void aLoginRefusedToTheSourceDaemonDuringAMigrationPointsAtItsOwnCredentials() {
    FerryException e =
        LibvirtErrors.translate(
            error(
                ErrorNumber.VIR_ERR_AUTH_FAILED,
                ErrorDomain.VIR_FROM_REMOTE,
                "authentication failed: authentication failed"),
            "migrate web1 to kvm-2",
            "kvm-1",
            Context.MIGRATION);

    assertEquals(FailureType.AUTH_FAILED, e.type());
    assertTrue(e.getMessage().startsWith("migrate web1 to kvm-2 on host kvm-1 failed"));
    assertTrue(e.getMessage().contains("auth.conf"), e.getMessage());
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
