package dev.ferry.cli.demo;

import dev.ferry.cli.ExitCode;
import dev.ferry.cli.MigrationWatcher;
import dev.ferry.client.MigrationStarter;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.MigrationOptions;
import dev.ferry.worker.FerryWorker;
import io.temporal.client.WorkflowClient;

/**
 * The demo on the bundled simulated fleet: a migration that completes, one the capability check
 * refuses, and one cancelled mid-transfer that rolls back.
 */
final class SimDemo {
  private SimDemo() {}

  static int run(WorkflowClient client, FerryWorker worker) {
    say("\n1) live migration of web1 from sim-a to sim-b");
    int first =
        migrate(
            client, new MigrationRequest("web1", null, "sim-b", MigrationOptions.defaults(), null));
    say("   web1 is now on: " + worker.simCluster().whereIs("web1"));

    say("\n2) db1 to sim-c, whose older CPU cannot run db1's CPU model: refused");
    int second =
        migrate(
            client, new MigrationRequest("db1", null, "sim-c", MigrationOptions.defaults(), null));

    say("\n3) db1 to sim-b, cancelled by the operator during the transfer: rolled back");
    MigrationRequest db1 =
        new MigrationRequest("db1", null, "sim-b", MigrationOptions.defaults(), null);
    String id = MigrationStarter.start(client, db1);
    cancelDuringTransfer(client, id);
    int third = new MigrationWatcher(client, id, false).follow();
    say("   db1 is now on: " + worker.simCluster().whereIs("db1"));

    boolean asExpected =
        first == ExitCode.OK && second == ExitCode.REFUSED && third == ExitCode.ROLLED_BACK;
    say(
        asExpected
            ? "\ndemo done: one migrated, one refused, one rolled back; every VM runs exactly once"
            : "\ndemo FAILED: unexpected exit codes " + first + ", " + second + ", " + third);
    return asExpected ? ExitCode.OK : ExitCode.ERROR;
  }

  private static int migrate(WorkflowClient client, MigrationRequest request) {
    String id = MigrationStarter.start(client, request);
    return new MigrationWatcher(client, id, false).follow();
  }

  /** Cancels the migration once its transfer is under way, as an operator changing plans. */
  private static void cancelDuringTransfer(WorkflowClient client, String workflowId) {
    WorkflowInspector inspector = new WorkflowInspector(client);
    Thread cancel =
        new Thread(
            () -> {
              try {
                while (inspector
                    .describe(workflowId)
                    .flatMap(inspector::liveStats)
                    .map(stats -> stats.percent() < 30)
                    .orElse(true)) {
                  Thread.sleep(200);
                }
                System.err.println("\n   operator: cancel " + workflowId);
                client.newUntypedWorkflowStub(workflowId).signal("cancel", "demo operator");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-cancel");
    cancel.setDaemon(true);
    cancel.start();
  }

  private static void say(String line) {
    System.out.println(line);
  }
}
