package dev.ferry.hypervisor;

import dev.ferry.config.HostConfig;

/** Opens the hypervisor of one inventory host; one factory per driver. */
public interface HypervisorFactory {
  /** Whether this factory handles the host's URI scheme. */
  boolean accepts(String uri);

  /** Opens the host; connection failures surface later as {@code HOST_UNREACHABLE}. */
  Hypervisor open(HostConfig host);
}
