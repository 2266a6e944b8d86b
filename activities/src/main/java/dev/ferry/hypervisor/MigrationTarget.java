package dev.ferry.hypervisor;

/**
 * Where a migration goes, resolved by the worker from its inventory.
 *
 * @param hostName the destination's inventory name
 * @param connectUri the destination's hypervisor URI, for peer-to-peer control
 * @param migrationUri the stream URI, or null when tunnelled
 */
public record MigrationTarget(String hostName, String connectUri, String migrationUri) {}
