package dev.ferry.worker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key files: comments and blank lines skipped, the first key encrypts, errors show no key. */
class PayloadKeyringTest {
  private static final String SHORT_KEY = Base64.getEncoder().encodeToString(new byte[16]);

  @TempDir Path dir;

  @Test
  void theFirstKeyEncryptsAndAllDecrypt() throws Exception {
    PayloadKeyring ring =
        PayloadKeyring.load(
            Keys.file(
                dir,
                "keys",
                "# rotated 2026-11",
                "",
                "new " + Keys.fresh(),
                "old " + Keys.fresh()));

    assertEquals("new", ring.primaryId());
    assertTrue(ring.key("old").isPresent());
    assertTrue(ring.key("other").isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "k1                        | expected 'ID BASE64KEY'",
        "k1 a b                    | expected 'ID BASE64KEY'",
        "k/1 QUJD                  | expected 'ID BASE64KEY'",
        "k1 not*base64!            | not base64",
        "k1 QUJD                   | has 3 bytes",
      })
  void refusesMalformedLinesNamingThem(String line, String problem) throws Exception {
    Path file = Keys.file(dir, "bad", "# first line", line.strip());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PayloadKeyring.load(file));

    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void refusesShortKeysAndDuplicatesWithoutShowingKeys() throws Exception {
    String key = Keys.fresh();
    Path duplicate = Keys.file(dir, "dup", "a " + key, "a " + Keys.fresh());
    Path shortKey = Keys.file(dir, "short", "a " + SHORT_KEY);

    IllegalArgumentException dup =
        assertThrows(IllegalArgumentException.class, () -> PayloadKeyring.load(duplicate));
    IllegalArgumentException tooShort =
        assertThrows(IllegalArgumentException.class, () -> PayloadKeyring.load(shortKey));

    assertTrue(dup.getMessage().contains("twice"), dup.getMessage());
    assertFalse(dup.getMessage().contains(key), dup.getMessage());
    assertTrue(tooShort.getMessage().contains("16 bytes"), tooShort.getMessage());
    assertFalse(tooShort.getMessage().contains(SHORT_KEY), tooShort.getMessage());
  }

  @Test
  void refusesAFileWithoutKeys() throws Exception {
    Path empty = Keys.file(dir, "empty", "# nothing yet");

    assertThrows(IllegalArgumentException.class, () -> PayloadKeyring.load(empty));
  }
}
