package dev.ferry.hypervisor.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ferry.config.HostAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.libvirt.ConnectAuth;
import org.libvirt.jna.virConnectCredential;

/**
 * Answers libvirt's credential prompts (SASL user name and password) from a host's {@link
 * HostAuth}. The password is read from its file or environment variable when libvirt asks, and is
 * neither kept nor logged.
 *
 * <p>libvirt-java's own callback hands libvirt each answer in memory that JNA owns, and libvirt
 * frees every answer once it has used it: JNA then frees it a second time, corrupting the heap of
 * the worker (seen as "double free detected" and as crashes in the garbage collector). So this
 * class writes the answers itself, in memory from C's {@code malloc} that libvirt may free.
 */
final class SaslAuth extends ConnectAuth {
  /** {@code virConnectCredential}: {@code int type}, four pointers, {@code unsigned resultlen}. */
  private static final int POINTER = Native.POINTER_SIZE;

  private static final int PROMPT_OFFSET = POINTER;
  private static final int DEFRESULT_OFFSET = PROMPT_OFFSET + 2 * POINTER;
  private static final int RESULT_OFFSET = DEFRESULT_OFFSET + POINTER;
  private static final int RESULTLEN_OFFSET = RESULT_OFFSET + POINTER;
  private static final int SIZE = RESULTLEN_OFFSET + POINTER;

  /** libvirt's {@code virConnectCredentialType} values this class answers. */
  private static final int CRED_USERNAME = 1;

  private static final int CRED_AUTHNAME = 2;
  private static final int CRED_PASSPHRASE = 5;
  private static final int CRED_NOECHOPROMPT = 7;

  private final HostAuth auth;

  /** Why the last prompt went unanswered, without the password or where it is kept; or null. */
  private volatile String problem;

  SaslAuth(HostAuth auth) {
    this.auth = auth;
    credType =
        new CredentialType[] {
          CredentialType.VIR_CRED_AUTHNAME,
          CredentialType.VIR_CRED_USERNAME,
          CredentialType.VIR_CRED_PASSPHRASE,
          CredentialType.VIR_CRED_NOECHOPROMPT
        };
  }

  @Override
  public int authCallback(virConnectCredential first, int count, Pointer data) {
    // JNA would write the Java copy of the first credential back over the answer set below.
    first.setAutoWrite(false);
    Pointer credentials = first.getPointer();
    for (int i = 0; i < count; i++) {
      Pointer credential = credentials.share((long) i * SIZE);
      Pointer defresult = credential.getPointer(DEFRESULT_OFFSET);
      String answer =
          answer(credential.getInt(0), defresult == null ? null : defresult.getString(0, "UTF-8"));
      if (answer == null) {
        return -1;
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      Pointer owned = new Pointer(Native.malloc(bytes.length + 1L));
      owned.write(0, bytes, 0, bytes.length);
      owned.setByte(bytes.length, (byte) 0);
      credential.setPointer(RESULT_OFFSET, owned);
      credential.setInt(RESULTLEN_OFFSET, bytes.length);
    }
    return 0;
  }

  /**
   * Why ferry could not answer libvirt's prompt for a password (no auth in the inventory, a
   * password file it cannot read, an unset variable), or null when it answered every prompt.
   * libvirt then reports only that credentials could not be collected.
   */
  String problem() {
    return problem;
  }

  /** Not called: {@link #authCallback} answers libvirt directly. */
  @Override
  public int callback(Credential[] credentials) {
    return -1;
  }

  private String answer(int type, String defresult) {
    return switch (type) {
      case CRED_AUTHNAME, CRED_USERNAME ->
          auth != null && auth.username() != null ? auth.username() : defresult;
      case CRED_PASSPHRASE, CRED_NOECHOPROMPT -> password();
      default -> null;
    };
  }

  private String password() {
    if (auth == null) {
      problem = "the host asks for a password and the inventory gives it no auth";
      return null;
    }
    if (auth.passwordFile() != null) {
      try {
        return Files.readString(Path.of(auth.passwordFile()), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        // The exception's message would be the file's path: its kind says enough.
        problem = "the password file cannot be read: " + e.getClass().getSimpleName();
        return null;
      }
    }
    String password = auth.passwordEnv() != null ? System.getenv(auth.passwordEnv()) : null;
    if (password == null) {
      problem =
          auth.passwordEnv() != null
              ? "the password variable " + auth.passwordEnv() + " is not set"
              : "the inventory's auth names no password file or variable";
    }
    return password;
  }
}
