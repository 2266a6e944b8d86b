package dev.ferry.client;

import dev.ferry.failure.FailureType;
import java.util.List;

/**
 * The host names of an inventory this process holds, so a request naming another host is refused
 * before anything starts. A process without an inventory (the CLI against a remote worker) passes
 * none, and a worker is asked instead ({@link VmLocator}).
 *
 * @param names every host the inventory has
 */
public record KnownHosts(List<String> names) {
  public KnownHosts {
    names = List.copyOf(names);
  }

  /**
   * Refuses a host the inventory lacks, naming the field and the hosts it has; null passes.
   *
   * @param field the request field that holds the host, in the API's words
   * @throws RefusedException of kind {@code NOT_FOUND}
   */
  public void require(String field, String host) {
    if (host != null && !names.contains(host)) {
      throw new RefusedException(
          RefusedException.Kind.NOT_FOUND,
          field,
          "host '" + host + "' is not in the inventory; known hosts: " + names,
          FailureType.HOST_NOT_FOUND);
    }
  }
}
