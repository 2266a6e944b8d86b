package dev.ferry.worker.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES keys that protect workflow payloads, read from a file with one {@code ID BASE64KEY} per
 * line ({@code #} starts a comment). The first key encrypts; every key decrypts, so a key is
 * rotated by adding a new first line and keeping the old ones while histories written with them are
 * still read. Errors name the file and line, never key material.
 */
public final class PayloadKeyring {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String primaryId;
  private final Map<String, SecretKey> keys;

  PayloadKeyring(String primaryId, Map<String, SecretKey> keys) {
    this.primaryId = primaryId;
    this.keys = Map.copyOf(keys);
  }

  /**
   * Reads the keyring.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   */
  public static PayloadKeyring load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read payload key file " + file + ": " + e, e);
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String primary = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "payload key file " + file + " line " + (i + 1);
      String[] parts = line.split("\\s+", -1);
      if (parts.length != 2 || !KEY_ID.matcher(parts[0]).matches()) {
        throw new IllegalArgumentException(where + ": expected 'ID BASE64KEY'");
      }
      if (keys.containsKey(parts[0])) {
        throw new IllegalArgumentException(where + ": key id " + parts[0] + " appears twice");
      }
      keys.put(parts[0], aesKey(where, parts[1]));
      primary = primary == null ? parts[0] : primary;
    }
    if (primary == null) {
      throw new IllegalArgumentException("payload key file " + file + " holds no key");
    }
    return new PayloadKeyring(primary, keys);
  }

  private static SecretKey aesKey(String where, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": the key is not base64", e);
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          where
              + ": the key has "
              + key.length
              + " bytes; AES-256 needs 32 (openssl rand -base64 32)");
    }
    return new SecretKeySpec(key, "AES");
  }

  /** The id of the key new payloads are encrypted with. */
  String primaryId() {
    return primaryId;
  }

  SecretKey primary() {
    return keys.get(primaryId);
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }
}
