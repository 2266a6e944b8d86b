package dev.ferry.cli;

import dev.ferry.inventory.GuestSighting;
import dev.ferry.inventory.GuestWorkflow;
import dev.ferry.migration.MigrationRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** The JSON shape of a report. */
  record Report(
      String vm,
      List<GuestSighting> sightings,
      MigrationFacts migration,
      Diagnosis.Verdict verdict,
      String summary,
      String situation) {}

  @Override
  public Integer call() {
    return connection.withClient(
        client -> {
          Optional<MigrationFacts> migration =
              new MigrationReader(client).latest(MigrationRequest.workflowIdFor(vm));
          List<GuestSighting> sightings = sightings(client, names(migration));
          // A guest no host has and no migration ever planned is a typo, not an incident. One that
          // a migration planned (its check passed) and that is now nowhere is the worst incident.
          boolean planned = migration.map(m -> m.migrationId() != null).orElse(false);
          if (!planned
              && sightings.stream().allMatch(GuestSighting::reachable)
              && sightings.stream().noneMatch(s -> s.observation().present())) {
            throw new RefusedException(
                "VM '"
                    + vm
                    + "' is on no host of the inventory and no migration of it was planned");
          }
          Diagnosis diagnosis = Diagnosis.of(vm, sightings, migration);
          Report report =
              new Report(
                  vm,
                  sightings,
                  migration.orElse(null),
                  diagnosis.verdict(),
                  diagnosis.summary(),
                  diagnosis.situation());
          Output.print(json, report, DoctorText.of(report));
          return switch (diagnosis.verdict()) {
            case HEALTHY, IN_PROGRESS, STOPPED -> ExitCode.OK;
            case NEEDS_ATTENTION -> ExitCode.NEEDS_ATTENTION;
            case UNKNOWN -> ExitCode.ERROR;
          };
        });
  }

  /** The guest's own name, and its name on the destination if a migration renames it. */
  private List<String> names(Optional<MigrationFacts> migration) {
    List<String> names = new ArrayList<>(List.of(vm));
    migration
        .map(MigrationFacts::destinationName)
        .filter(name -> !names.contains(name))
        .ifPresent(names::add);
    return names;
  }

  private static List<GuestSighting> sightings(WorkflowClient client, List<String> names) {
    return WorkerQuestion.stub(client, GuestWorkflow.class, "doctor", Duration.ofSeconds(90))
        .find(names);
  }
}
