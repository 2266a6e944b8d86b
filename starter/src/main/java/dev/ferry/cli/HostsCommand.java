package dev.ferry.cli;

import dev.ferry.inventory.HostStatus;
import dev.ferry.inventory.HostsWorkflow;
import dev.ferry.worker.TemporalSettings;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry hosts}: the inventory with reachability and capacity, as a worker sees it. */
@Command(name = "hosts", description = "List hosts with reachability and capacity.")
final class HostsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "print a JSON array")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          HostsWorkflow workflow =
              client.newWorkflowStub(
                  HostsWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("hosts-" + UUID.randomUUID())
                      .setTaskQueue(TemporalSettings.TASK_QUEUE)
                      // No worker means no answer: say so instead of waiting forever.
                      .setWorkflowExecutionTimeout(Duration.ofSeconds(90))
                      .build());
          List<HostStatus> hosts = workflow.describe();
          if (json) {
            System.out.println(Output.toJson(hosts));
            return ExitCode.OK;
          }
          System.out.printf(
              Locale.ROOT,
              "%-16s %-8s %-9s %-8s %-20s %10s %10s %s%n",
              "HOST",
              "DRIVER",
              "REACHABLE",
              "ARCH",
              "CPU",
              "MEMORY",
              "FREE",
              "VMS");
          for (HostStatus h : hosts) {
            System.out.printf(
                Locale.ROOT,
                "%-16s %-8s %-9s %-8s %-20s %10s %10s %s%n",
                h.name(),
                h.driver(),
                h.reachable() ? "yes" : "NO",
                nullToDash(h.arch()),
                nullToDash(h.cpuModel()),
                Output.bytes(h.memoryTotalBytes()),
                Output.bytes(h.memoryFreeBytes()),
                h.reachable() ? String.join(",", h.vms()) : h.error());
          }
          return ExitCode.OK;
        });
  }

  private static String nullToDash(String value) {
    return value == null ? "-" : value;
  }
}
