package dev.ferry.api;

import dev.ferry.client.Evacuations;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.evacuation.EvacuationPhase;
import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.VmReport;
import dev.ferry.evacuation.VmState;
import dev.ferry.migration.MigrationProgress;
import dev.ferry.migration.MigrationRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An evacuation as a task: {@code id}, {@code status} ({@code running}, {@code finished} when every
 * guest moved, {@code failed} otherwise), {@code target_uri}, {@code message}, {@code progress}
 * (percent of the bytes moved), {@code evacuation} (what {@code ferry evacuation status --json}
 * prints), {@code sources} (per drained host: guests by state, bytes) and {@code migrations} (per
 * guest migrating now: its migration's id, phase and percent).
 */
final class EvacuationTask {
  private EvacuationTask() {}

  static Map<String, Object> of(
      WorkflowClient client, String workflowId, DescribeWorkflowExecutionResponse described) {
    WorkflowInspector inspector = new WorkflowInspector(client);
    boolean running = inspector.running(described);
    Optional<EvacuationProgress> found = Evacuations.progress(client, workflowId, running);
    if (found.isEmpty()) {
      return summary(
          workflowId,
          running ? TaskView.RUNNING : TaskView.FAILED,
          running
              ? "waiting for a worker to pick the evacuation up"
              : "the workflow is " + inspector.status(described) + " without a report");
    }
    EvacuationProgress p = found.get();
    String status = running ? TaskView.RUNNING : p.complete() ? TaskView.FINISHED : TaskView.FAILED;
    Map<String, Object> task = summary(workflowId, status, message(p));
    task.put("progress", percent(p));
    task.put("evacuation", p);
    task.put("sources", sources(p));
    task.put("migrations", migrations(inspector, p));
    return task;
  }

  /** The task's four summary fields, as answered when it starts. */
  static Map<String, Object> summary(String workflowId, String status, String message) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", workflowId);
    task.put("status", status);
    task.put("target_uri", "/v1/evacuations/" + workflowId);
    task.put("message", message);
    return task;
  }

  private static String message(EvacuationProgress p) {
    String moved = p.count(VmState.MIGRATED) + " of " + p.vms().size() + " guests migrated";
    String phase = p.phase() == null ? "?" : p.phase().name();
    return phase + ": " + moved + (p.stopReason().isEmpty() ? "" : "; " + p.stopReason());
  }

  private static int percent(EvacuationProgress p) {
    if (p.bytesTotal() <= 0) {
      return p.phase() == EvacuationPhase.DONE ? 100 : 0;
    }
    return (int) Math.min(100, p.bytesMoved() * 100 / p.bytesTotal());
  }

  /** Per source host, in the order the evacuation lists its hosts. */
  static List<Map<String, Object>> sources(EvacuationProgress p) {
    Map<String, List<VmReport>> bySource = new LinkedHashMap<>();
    p.hosts().forEach(h -> bySource.put(h, new ArrayList<>()));
    for (VmReport vm : p.vms()) {
      bySource.computeIfAbsent(vm.source(), h -> new ArrayList<>()).add(vm);
    }
    List<Map<String, Object>> sources = new ArrayList<>();
    bySource.forEach(
        (host, vms) -> {
          Map<VmState, Integer> counts = new EnumMap<>(VmState.class);
          long bytes = 0;
          long moved = 0;
          for (VmReport vm : vms) {
            counts.merge(vm.state(), 1, Integer::sum);
            bytes += vm.bytes();
            moved += vm.state() == VmState.MIGRATED ? vm.bytes() : 0;
          }
          Map<String, Object> source = new LinkedHashMap<>();
          source.put("host", host);
          source.put("vms", vms.size());
          source.put("counts", counts);
          source.put("bytesTotal", bytes);
          source.put("bytesMoved", moved);
          sources.add(source);
        });
    return sources;
  }

  /** Guests migrating now, each with its migration's phase as the migration's query tells it. */
  private static Map<String, Object> migrations(WorkflowInspector inspector, EvacuationProgress p) {
    Map<String, Object> migrations = new LinkedHashMap<>();
    for (VmReport vm : p.vms()) {
      if (vm.state() != VmState.MIGRATING) {
        continue;
      }
      String id = MigrationRequest.workflowIdFor(vm.vm());
      Map<String, Object> migration = new LinkedHashMap<>();
      migration.put("id", id);
      Optional<MigrationProgress> progress = inspector.progress(id);
      migration.put("phase", progress.map(m -> m.phase().name()).orElse(null));
      migration.put("percent", progress.map(MigrationProgress::percent).orElse(null));
      migrations.put(vm.vm(), migration);
    }
    return migrations;
  }
}
