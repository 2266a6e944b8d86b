package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the configured token, under the Bearer scheme, is accepted. */
class BearerAuthTest {
  private final BearerAuth auth = new BearerAuth("s3cret-token");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "Bearer s3cret-token      | true",
        "bearer s3cret-token      | true",
        "Bearer  s3cret-token     | true",
        "Bearer s3cret-tokeN      | false",
        "Bearer s3cret-token2     | false",
        "Bearer s3cret            | false",
        "Bearer                   | false",
        "Basic s3cret-token       | false",
        "s3cret-token             | false",
        "NULL                     | false",
      })
  void acceptsOnlyTheToken(String header, boolean allowed) {
    assertEquals(allowed, auth.allows(header));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void refusesAnEmptyToken(String token) {
    assertThrows(IllegalArgumentException.class, () -> new BearerAuth(token));
  }
}
