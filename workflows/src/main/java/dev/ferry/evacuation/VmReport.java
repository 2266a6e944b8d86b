package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One guest's part in an evacuation.
 *
 * @param vm the guest
 * @param source the host it was on
 * @param state where it stands
 * @param destination where it went or is going, or null
 * @param attempts migrations started for it
 * @param reason why it is not migrated (yet), in words; empty when migrated
 * @param bytes memory and copied disks it needs to send
 * @param transferredBytes what its migrations actually sent (pre-copy resends included)
 * @param tried destinations an attempt failed on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VmReport(
    String vm,
    String source,
    VmState state,
    String destination,
    int attempts,
    String reason,
    long bytes,
    long transferredBytes,
    List<String> tried) {
  public VmReport {
    reason = reason == null ? "" : reason;
    tried = tried == null ? List.of() : List.copyOf(tried);
  }

  static VmReport pending(GuestView guest) {
    return new VmReport(
        guest.name(), guest.host(), VmState.PENDING, null, 0, "", guest.bytes(), 0, List.of());
  }

  VmReport with(VmState newState, String newDestination, String newReason) {
    return new VmReport(
        vm, source, newState, newDestination, attempts, newReason, bytes, transferredBytes, tried);
  }

  VmReport startedOn(String host) {
    return new VmReport(
        vm, source, VmState.MIGRATING, host, attempts + 1, "", bytes, transferredBytes, tried);
  }

  VmReport sent(long more) {
    return new VmReport(
        vm, source, state, destination, attempts, reason, bytes, transferredBytes + more, tried);
  }

  VmReport failedOn(String host, String why) {
    List<String> more = new java.util.ArrayList<>(tried);
    more.add(host);
    return new VmReport(
        vm, source, VmState.PENDING, null, attempts, why, bytes, transferredBytes, more);
  }
}
