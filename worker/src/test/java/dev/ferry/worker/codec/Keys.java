package dev.ferry.worker.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Fresh keys and key files for tests. */
final class Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  static String fresh() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** A key file with the given {@code ID KEY} lines, the first one encrypting. */
  static Path file(Path dir, String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
