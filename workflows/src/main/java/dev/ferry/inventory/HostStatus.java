package dev.ferry.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One inventory host as the worker sees it now. Carries no URI: a URI may name users or key paths,
 * and what an operator needs is the host's name, driver and health.
 *
 * @param name the inventory name
 * @param driver {@code sim} or {@code libvirt}
 * @param migrationAddress the address other hosts use to reach it
 * @param reachable the worker could talk to it
 * @param error why not, when unreachable
 * @param arch CPU architecture
 * @param cpuModel host CPU model
 * @param memoryTotalBytes memory in all
 * @param memoryFreeBytes memory free now, minus reservations of migrations heading there
 * @param vms guests defined there
 * @param labels the inventory's labels, as {@code key=value}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostStatus(
    String name,
    String driver,
    String migrationAddress,
    boolean reachable,
    String error,
    String arch,
    String cpuModel,
    long memoryTotalBytes,
    long memoryFreeBytes,
    List<String> vms,
    List<String> labels) {}
