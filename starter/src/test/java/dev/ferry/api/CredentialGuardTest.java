package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Credential-like fields are found at any depth; the migrate body's own fields are not. */
class CredentialGuardTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"password\": \"x\"}                          | password",
        "{\"a\": {\"b\": [{\"c\": {\"Passwd\": 1}}]}}   | a.b[0].c.Passwd",
        "{\"host\": \"h\", \"user_name\": \"root\"}     | user_name",
        "{\"sasl\": {}}                                 | sasl",
        "{\"clientSecret\": \"s\"}                      | clientSecret",
        "{\"x\": [1, {\"bearer_token\": \"t\"}]}        | x[1].bearer_token",
        "{\"tls-key\": \"k\"}                           | tls-key",
        "{\"credentials\": null}                        | credentials",
        "{\"KEY\": \"k\"}                               | KEY",
      })
  void findsCredentialFieldsAtAnyDepth(String body, String path) throws Exception {
    ApiError e =
        assertThrows(
            ApiError.class, () -> CredentialGuard.refuseCredentials(ApiStack.JSON.readTree(body)));

    assertEquals(400, e.status());
    assertEquals(path, e.field());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "host",
        "source",
        "mode",
        "peerToPeer",
        "tunnelled",
        "persistDestination",
        "undefineSource",
        "storageCopy",
        "disks",
        "destinationName",
        "bandwidthMiBps",
        "maxDowntimeMs",
        "autoConverge",
        "allowPostcopy",
        "compression",
        "parallelConnections",
        "tls",
        "pausedOnDestination",
        "migrationUri"
      })
  void acceptsTheMigrateBodysFields(String field) {
    assertFalse(CredentialGuard.credential(field));
    assertDoesNotThrow(
        () ->
            CredentialGuard.refuseCredentials(
                ApiStack.JSON.createObjectNode().put(field, "password")));
  }
}
