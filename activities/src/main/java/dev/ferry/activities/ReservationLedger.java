package dev.ferry.activities;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory promised to migrations heading to a host, so that two migrations checked at the same time
 * do not both count the same free memory. Kept by the worker, keyed by migration id, so reserving
 * and releasing are idempotent.
 */
public final class ReservationLedger {
  private record Reservation(String host, long bytes) {}

  private final Map<String, Reservation> reservations = new LinkedHashMap<>();

  /** Reserves memory on a host for a migration; a second call for the same id changes nothing. */
  public synchronized void reserve(String migrationId, String host, long bytes) {
    reservations.putIfAbsent(migrationId, new Reservation(host, bytes));
  }

  /** Releases a migration's reservation; does nothing if it has none. */
  public synchronized void release(String migrationId) {
    reservations.remove(migrationId);
  }

  /** Memory reserved on a host by migrations other than the given one. */
  public synchronized long reservedOn(String host, String exceptMigrationId) {
    return reservations.entrySet().stream()
        .filter(e -> e.getValue().host().equals(host) && !e.getKey().equals(exceptMigrationId))
        .mapToLong(e -> e.getValue().bytes())
        .sum();
  }
}
