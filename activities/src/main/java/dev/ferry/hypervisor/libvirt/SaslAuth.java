package dev.ferry.hypervisor.libvirt;

import dev.ferry.config.HostAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.libvirt.ConnectAuth;

/**
 * Answers libvirt's credential prompts (SASL user name and password) from a host's {@link
 * HostAuth}. The password is read from its file or environment variable when libvirt asks, and is
 * neither kept nor logged.
 */
final class SaslAuth extends ConnectAuth {
  private final HostAuth auth;

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
  public int callback(Credential[] credentials) {
    for (Credential credential : credentials) {
      String answer =
          switch (credential.type) {
            case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME ->
                auth != null && auth.username() != null ? auth.username() : credential.defresult;
            case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> password();
            default -> null;
          };
      if (answer == null) {
        return -1;
      }
      credential.result = answer;
    }
    return 0;
  }

  private String password() {
    if (auth == null) {
      return null;
    }
    if (auth.passwordFile() != null) {
      try {
        return Files.readString(Path.of(auth.passwordFile()), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        return null;
      }
    }
    return auth.passwordEnv() != null ? System.getenv(auth.passwordEnv()) : null;
  }
}
