package dev.ferry.worker;

import dev.ferry.registration.TaskQueues;
import java.util.Map;

/**
 * How to reach Temporal. Values come from flags, else the environment, else defaults for a local
 * dev server. The API key and TLS key are read from files named here, never passed as values, so
 * they do not show in process listings.
 *
 * @param address host:port of the frontend ({@code TEMPORAL_ADDRESS}, default localhost:7233)
 * @param namespace the namespace ({@code TEMPORAL_NAMESPACE}, default {@code default})
 * @param tlsCertFile client certificate for mTLS ({@code TEMPORAL_TLS_CERT}), or null
 * @param tlsKeyFile client key for mTLS ({@code TEMPORAL_TLS_KEY}), or null
 * @param tlsCaFile CA to trust instead of the system's ({@code TEMPORAL_TLS_CA}), or null
 * @param apiKeyFile file holding an API key, for Temporal Cloud ({@code TEMPORAL_API_KEY_FILE})
 * @param payloadKeyFile keyring that encrypts workflow payloads ({@code FERRY_PAYLOAD_KEY_FILE}),
 *     or null to store them in clear; workers and clients of one namespace need the same keys
 */
public record TemporalSettings(
    String address,
    String namespace,
    String tlsCertFile,
    String tlsKeyFile,
    String tlsCaFile,
    String apiKeyFile,
    String payloadKeyFile) {

  public static final String DEFAULT_ADDRESS = "localhost:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  /** The task queue every ferry worker polls. */
  public static final String TASK_QUEUE = TaskQueues.FERRY;

  /** Settings from the environment, with flag values (may be null) taking precedence. */
  public static TemporalSettings resolve(
      String addressFlag, String namespaceFlag, Map<String, String> env) {
    return new TemporalSettings(
        firstOf(addressFlag, env.get("TEMPORAL_ADDRESS"), DEFAULT_ADDRESS),
        firstOf(namespaceFlag, env.get("TEMPORAL_NAMESPACE"), DEFAULT_NAMESPACE),
        env.get("TEMPORAL_TLS_CERT"),
        env.get("TEMPORAL_TLS_KEY"),
        env.get("TEMPORAL_TLS_CA"),
        env.get("TEMPORAL_API_KEY_FILE"),
        firstOf(env.get("FERRY_PAYLOAD_KEY_FILE")));
  }

  public boolean mutualTls() {
    return tlsCertFile != null && tlsKeyFile != null;
  }

  private static String firstOf(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
