package dev.ferry.hypervisor.sim;

import dev.ferry.config.HostConfig;
import dev.ferry.hypervisor.Hypervisor;
import dev.ferry.hypervisor.HypervisorFactory;

/** Serves {@code sim://} hosts from one simulated cluster. */
public final class SimDriver implements HypervisorFactory {
  private final SimCluster cluster;

  public SimDriver(SimCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public boolean accepts(String uri) {
    return uri.startsWith("sim://");
  }

  @Override
  public Hypervisor open(HostConfig host) {
    return new SimHypervisor(cluster, host.name());
  }
}
