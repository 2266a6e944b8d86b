package dev.ferry.config;

import java.util.List;
import java.util.Optional;

/**
 * The worker's and CLI's view of the fleet: hosts, how to reach them, and for simulated hosts the
 * guests they start with.
 *
 * @param hosts every host
 * @param vms guests of simulated hosts
 * @param sim settings of the simulated driver
 */
public record Inventory(List<HostConfig> hosts, List<SimVmConfig> vms, SimSettings sim) {
  public Inventory {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    vms = vms == null ? List.of() : List.copyOf(vms);
    sim = sim == null ? SimSettings.defaults() : sim;
  }

  public Optional<HostConfig> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  public List<String> hostNames() {
    return hosts.stream().map(HostConfig::name).toList();
  }
}
