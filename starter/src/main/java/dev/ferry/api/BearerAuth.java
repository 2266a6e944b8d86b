package dev.ferry.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the {@code Authorization: Bearer TOKEN} header. Both tokens are hashed before the
 * constant-time comparison, so neither their content nor their length shows in the time taken.
 */
final class BearerAuth {
  private static final String SCHEME = "Bearer ";

  private final byte[] expectedDigest;

  BearerAuth(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the API token is empty");
    }
    this.expectedDigest = sha256(token);
  }

  /** Whether the header carries the configured token. */
  boolean allows(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    String presented = authorizationHeader.substring(SCHEME.length()).strip();
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
