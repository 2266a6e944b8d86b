package dev.ferry.evacuation;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every guest's report in one evacuation, and the counts and bytes the progress query shows. */
public final class Tally {
  private final Map<String, VmReport> reports = new LinkedHashMap<>();

  /** A tally of reports handed over by an earlier run. */
  public Tally(List<VmReport> earlier) {
    earlier.forEach(r -> reports.put(r.vm(), r));
  }

  /** Adds a guest found on a drained host, unless it is already known. */
  public void add(GuestView guest) {
    reports.putIfAbsent(guest.name(), VmReport.pending(guest));
  }

  public VmReport report(String vm) {
    return reports.get(vm);
  }

  public List<VmReport> all() {
    return List.copyOf(reports.values());
  }

  Set<String> tried(GuestView guest) {
    return new HashSet<>(reports.get(guest.name()).tried());
  }

  void note(String vm, String reason) {
    VmReport r = reports.get(vm);
    reports.put(vm, r.with(r.state(), r.destination(), reason));
  }

  void started(String vm, String destination) {
    reports.put(vm, reports.get(vm).startedOn(destination));
  }

  void sent(String vm, long bytes) {
    reports.put(vm, reports.get(vm).sent(bytes));
  }

  void failedOn(String vm, String destination, String reason) {
    reports.put(vm, reports.get(vm).failedOn(destination, reason));
  }

  void settle(String vm, VmState state, String reason) {
    VmReport r = reports.get(vm);
    reports.put(vm, r.with(state, r.destination(), reason));
  }

  /** How many guests are in each state; every state present, zero or not. */
  public Map<VmState, Integer> counts() {
    Map<VmState, Integer> counts = new EnumMap<>(VmState.class);
    for (VmState state : VmState.values()) {
      counts.put(state, 0);
    }
    reports.values().forEach(r -> counts.merge(r.state(), 1, Integer::sum));
    return counts;
  }

  /** Bytes of the guests that arrived, as planned (memory and copied disks). */
  public long bytesMoved() {
    return reports.values().stream()
        .filter(r -> r.state() == VmState.MIGRATED)
        .mapToLong(VmReport::bytes)
        .sum();
  }

  /** Bytes of every guest still to move or moving. */
  public long bytesLeft() {
    return reports.values().stream()
        .filter(r -> !r.state().settled())
        .mapToLong(VmReport::bytes)
        .sum();
  }

  public long bytesTotal() {
    return reports.values().stream().mapToLong(VmReport::bytes).sum();
  }

  /** What migrations actually sent, resends included. */
  public long bytesTransferred() {
    return reports.values().stream().mapToLong(VmReport::transferredBytes).sum();
  }
}
