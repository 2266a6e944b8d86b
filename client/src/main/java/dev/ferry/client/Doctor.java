package dev.ferry.client;

import dev.ferry.inventory.GuestSighting;
import dev.ferry.inventory.GuestWorkflow;
import dev.ferry.migration.MigrationRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every host holds under a guest's names, what its migration workflow says, and whether the
 * guest runs exactly once: for operators after an incident. It changes nothing.
 */
public final class Doctor {
  /** Every host is asked, and an unreachable one is waited for up to the worker's own timeout. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  /**
   * The report on one guest.
   *
   * @param migration the guest's latest migration, or null if it never had one
   */
  public record Report(
      String vm,
      List<GuestSighting> sightings,
      MigrationFacts migration,
      Diagnosis.Verdict verdict,
      String summary,
      String situation) {}

  private final WorkflowClient client;

  public Doctor(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Examines a guest.
   *
   * @throws RefusedException for a guest no host has and no migration ever planned: a typo, not an
   *     incident
   */
  public Report examine(String vm) {
    Optional<MigrationFacts> migration =
        new MigrationReader(client).latest(MigrationRequest.workflowIdFor(vm));
    List<GuestSighting> sightings = sightings(names(vm, migration));
    // One that a migration planned (its check passed) and that is now nowhere is the worst
    // incident, so only an unplanned guest is refused.
    boolean planned = migration.map(m -> m.migrationId() != null).orElse(false);
    if (!planned
        && sightings.stream().allMatch(GuestSighting::reachable)
        && sightings.stream().noneMatch(s -> s.observation().present())) {
      throw new RefusedException(
          RefusedException.Kind.NOT_FOUND,
          "name",
          "VM '" + vm + "' is on no host of the inventory and no migration of it was planned");
    }
    Diagnosis diagnosis = Diagnosis.of(vm, sightings, migration);
    return new Report(
        vm,
        sightings,
        migration.orElse(null),
        diagnosis.verdict(),
        diagnosis.summary(),
        diagnosis.situation());
  }

  /** The guest's own name, and its name on the destination if a migration renames it. */
  private static List<String> names(String vm, Optional<MigrationFacts> migration) {
    List<String> names = new ArrayList<>(List.of(vm));
    migration
        .map(MigrationFacts::destinationName)
        .filter(name -> !names.contains(name))
        .ifPresent(names::add);
    return names;
  }

  private List<GuestSighting> sightings(List<String> names) {
    return WorkerQuestion.stub(client, GuestWorkflow.class, "doctor", PATIENCE).find(names);
  }
}
