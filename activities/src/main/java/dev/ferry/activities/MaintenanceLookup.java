package dev.ferry.activities;

/** Whether a host is in maintenance; kept durably by its host-maintenance workflow. */
@FunctionalInterface
public interface MaintenanceLookup {
  /** Nothing is in maintenance: for workers and tests without maintenance state. */
  MaintenanceLookup NONE = host -> false;

  boolean inMaintenance(String host);
}
