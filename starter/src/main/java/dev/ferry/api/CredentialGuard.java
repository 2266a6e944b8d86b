package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses request bodies that carry credentials, at any depth. Host credentials live in the
 * worker's inventory, which only names files; a secret sent here would end up in Temporal's
 * history, readable by anyone with access to the namespace.
 */
final class CredentialGuard {
  /** Field names (lower case, without '_' and '-') that mean a secret or a login. */
  private static final Set<String> EXACT =
      Set.of(
          "user",
          "username",
          "login",
          "passwd",
          "pass",
          "pwd",
          "auth",
          "key",
          "keyfile",
          "sshkey",
          "tlskey",
          "privatekey",
          "apikey",
          "cert",
          "certificate",
          "sasl");

  /** Parts that mean a secret wherever they appear in a name ({@code libvirtPassword}). */
  private static final Set<String> PARTS =
      Set.of("password", "passwd", "secret", "token", "credential", "privatekey", "passphrase");

  static final String WHY =
      "host credentials live in the worker's configuration (the inventory names the files that"
          + " hold them): requests name hosts only, so no secret reaches Temporal's history";

  private CredentialGuard() {}

  /**
   * @throws ApiError 400 naming the first field that looks like a credential
   */
  static void refuseCredentials(JsonNode body) {
    find(body, "")
        .ifPresent(
            path -> {
              throw new ApiError(400, path, "field '" + path + "' looks like a credential: " + WHY);
            });
  }

  /** The path of the first credential-like field, depth first. */
  private static Optional<String> find(JsonNode node, String path) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String here = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (credential(field.getKey())) {
          return Optional.of(here);
        }
        Optional<String> inside = find(field.getValue(), here);
        if (inside.isPresent()) {
          return inside;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> inside = find(node.get(i), path + "[" + i + "]");
        if (inside.isPresent()) {
          return inside;
        }
      }
    }
    return Optional.empty();
  }

  static boolean credential(String fieldName) {
    String name = fieldName.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return EXACT.contains(name) || PARTS.stream().anyMatch(name::contains);
  }
}
