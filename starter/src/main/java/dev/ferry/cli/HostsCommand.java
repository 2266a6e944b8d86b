package dev.ferry.cli;

import dev.ferry.client.HostsQuery;
import dev.ferry.inventory.HostStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry hosts}: the inventory with reachability and capacity, as a worker sees it. */
@Command(name = "hosts", description = "List hosts with reachability and capacity.")
final class HostsCommand implements Callable<Integer> {
  private static final String FORMAT = "%-16s %-8s %-9s %-11s %-8s %-20s %10s %10s %s%n";

  @Option(names = "--json", description = "print a JSON array")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          List<HostStatus> hosts = HostsQuery.describe(client, Duration.ofSeconds(90));
          Set<String> inMaintenance = HostsQuery.inMaintenance(client, hosts);
          if (json) {
            System.out.println(Output.toJson(HostsQuery.rows(hosts, inMaintenance)));
            return ExitCode.OK;
          }
          System.out.printf(
              Locale.ROOT,
              FORMAT,
              "HOST",
              "DRIVER",
              "REACHABLE",
              "MAINTENANCE",
              "ARCH",
              "CPU",
              "MEMORY",
              "FREE",
              "VMS");
          for (HostStatus h : hosts) {
            System.out.printf(
                Locale.ROOT,
                FORMAT,
                h.name(),
                h.driver(),
                h.reachable() ? "yes" : "NO",
                inMaintenance.contains(h.name()) ? "yes" : "no",
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
