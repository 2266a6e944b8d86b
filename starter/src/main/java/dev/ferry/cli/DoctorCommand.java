package dev.ferry.cli;

import dev.ferry.client.Doctor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry doctor VM}: what every host holds under the guest's names, what its migration
 * workflow says, and whether the guest runs exactly once. For operators after an incident; it
 * changes nothing.
 */
@Command(
    name = "doctor",
    description = {
      "Show what the hosts and the migration workflow say about a VM, and whether it runs",
      "exactly once. Changes nothing. Exit 0 healthy, stopped or migrating; 4 needs attention;",
      "1 a host did not answer."
    })
final class DoctorCommand implements Callable<Integer> {
  @Parameters(paramLabel = "VM", description = "the VM's name")
  String vm;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          Doctor.Report report = new Doctor(client).examine(vm);
          Output.print(json, report, DoctorText.of(report));
          return switch (report.verdict()) {
            case HEALTHY, IN_PROGRESS, STOPPED -> ExitCode.OK;
            case NEEDS_ATTENTION -> ExitCode.NEEDS_ATTENTION;
            case UNKNOWN -> ExitCode.ERROR;
          };
        });
  }
}
