package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The fleet as a worker read it for one evacuation run: every host, and the guests of the hosts
 * being drained.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FleetSnapshot(List<HostView> hosts, List<GuestView> guests) {
  public FleetSnapshot {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    guests = guests == null ? List.of() : List.copyOf(guests);
  }
}
