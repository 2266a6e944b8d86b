package dev.ferry.hypervisor.libvirt;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import java.util.regex.Pattern;
import org.libvirt.Error;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * The one translator from libvirt's errors to ferry's failure types. Messages keep libvirt's own
 * words (they name the cause) but never user information of a URI.
 */
final class LibvirtErrors {
  /** {@code scheme://user[:password]@} in a URI: the part that may carry secrets. */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s']*@");

  private LibvirtErrors() {}

  /** Where the failed call ran: a migration's failures are the transfer's own. */
  enum Context {
    /** Any call but migrate. */
    CALL,
    /** The migrate call: a failure that is not about reaching the host ends the transfer. */
    MIGRATION
  }

  static FerryException translate(LibvirtException e, String what, String host) {
    return translate(e.getError(), what, host, Context.CALL);
  }

  static FerryException translate(Error error, String what, String host, Context context) {
    ErrorNumber code = error == null ? ErrorNumber.VIR_ERR_UNKNOWN : error.getCode();
    ErrorDomain domain = error == null ? ErrorDomain.VIR_FROM_NONE : error.getDomain();
    String message = error == null ? "unknown libvirt error" : error.getMessage();
    FailureType type = classify(code, domain, context);
    String described = describe(what, host, code, sanitize(message));
    if (type == FailureType.AUTH_FAILED) {
      // The migrate call runs on connections ferry logged in to already: a login refused there
      // is most likely the source daemon's own, to the destination of a peer-to-peer migration.
      described +=
          context == Context.MIGRATION
              ? ": in a peer-to-peer migration the source's libvirtd logs in to the destination"
                  + " itself; check the credentials its libvirt auth.conf gives for the destination"
                  + " and the destination's SASL configuration"
              : ": " + whatToCheck(host);
    }
    return new FerryException(type, described);
  }

  /**
   * A connection that could not be opened: a login the host refused (or that ferry could not
   * answer) is {@code AUTH_FAILED}, anything else {@code HOST_UNREACHABLE}.
   *
   * @param credentialProblem why ferry gave libvirt no credentials, or null if it gave them
   */
  static FerryException connectFailed(Error error, String host, String credentialProblem) {
    // libvirt's message names the address it tried; the URI's user part is stripped.
    String message = sanitize(error == null ? "" : error.getMessage());
    if (credentialProblem != null || (error != null && authentication(error.getCode()))) {
      return new FerryException(
          FailureType.AUTH_FAILED,
          "cannot log in to host "
              + host
              + ": "
              + message
              + (credentialProblem == null ? "" : " (" + credentialProblem + ")")
              + "; "
              + whatToCheck(host));
    }
    return new FerryException(
        FailureType.HOST_UNREACHABLE, "cannot connect to host " + host + ": " + message);
  }

  private static String whatToCheck(String host) {
    return "check the username and password file (or variable) of the inventory's auth for "
        + host
        + " and the SASL configuration of its libvirtd";
  }

  /** Whether the error is a login the host refused, or one that could not be made. */
  static boolean authentication(ErrorNumber code) {
    return code == ErrorNumber.VIR_ERR_AUTH_FAILED
        || code == ErrorNumber.VIR_ERR_AUTH_CANCELLED
        || code == ErrorNumber.VIR_ERR_AUTH_UNAVAILABLE;
  }

  /** The failure type of one libvirt error. */
  static FailureType classify(ErrorNumber code, ErrorDomain domain, Context context) {
    if (connectionLost(code, domain)) {
      return FailureType.HOST_UNREACHABLE;
    }
    return switch (code) {
      case VIR_ERR_NO_DOMAIN -> FailureType.VM_NOT_FOUND;
      case VIR_ERR_DOM_EXIST -> FailureType.NAME_CLASH;
      case VIR_ERR_CPU_INCOMPATIBLE -> FailureType.CPU_INCOMPATIBLE;
      case VIR_ERR_OPERATION_ABORTED, VIR_ERR_MIGRATE_UNSAFE -> FailureType.MIGRATION_FAILED;
      case VIR_ERR_AUTH_FAILED, VIR_ERR_AUTH_CANCELLED, VIR_ERR_AUTH_UNAVAILABLE ->
          FailureType.AUTH_FAILED;
      default ->
          context == Context.MIGRATION
              ? FailureType.MIGRATION_FAILED
              : FailureType.HYPERVISOR_ERROR;
    };
  }

  /**
   * Whether the error means the connection to the daemon is gone or cannot be made: the caller may
   * retry once on a fresh connection.
   */
  static boolean connectionLost(ErrorNumber code, ErrorDomain domain) {
    return switch (code) {
      case VIR_ERR_NO_CONNECT,
              VIR_ERR_INVALID_CONN,
              VIR_ERR_RPC,
              VIR_ERR_GNUTLS_ERROR,
              VIR_ERR_SSH,
              VIR_ERR_LIBSSH ->
          true;
      case VIR_ERR_SYSTEM_ERROR ->
          domain == ErrorDomain.VIR_FROM_RPC || domain == ErrorDomain.VIR_FROM_REMOTE;
      default -> false;
    };
  }

  static boolean connectionLost(Error error) {
    return error != null && connectionLost(error.getCode(), error.getDomain());
  }

  static boolean is(LibvirtException e, ErrorNumber code) {
    return e.getError() != null && e.getError().getCode() == code;
  }

  /** Removes user information from every URI in a message. */
  static String sanitize(String message) {
    return message == null ? "" : USER_INFO.matcher(message).replaceAll("$1");
  }

  private static String describe(String what, String host, ErrorNumber code, String message) {
    return what + " on host " + host + " failed: " + message + " (" + code + ")";
  }
}
