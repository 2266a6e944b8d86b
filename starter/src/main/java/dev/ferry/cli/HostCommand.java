package dev.ferry.cli;

import dev.ferry.client.HostMaintenance;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.validation.InputValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry host maintenance on|off|status HOST}: a host's durable maintenance state. */
@Command(
    name = "host",
    description = "A host's maintenance state.",
    subcommands = {HostCommand.Maintenance.class})
final class HostCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
  }

  /** What the maintenance command does. */
  enum Action {
    on,
    off,
    status
  }

  @Command(
      name = "maintenance",
      description = "on: the host receives no guests (--evacuate drains it too); off; status.")
  static final class Maintenance implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "on|off|status")
    Action action;

    @Parameters(index = "1", paramLabel = "HOST")
    String host;

    @Option(names = "--evacuate", description = "with on: move its guests off, under limits")
    boolean evacuate;

    @Option(names = "--max-per-source", paramLabel = "N")
    Integer maxPerSource;

    @Option(names = "--max-per-destination", paramLabel = "N")
    Integer maxPerDestination;

    @Option(names = "--reason", description = "why, shown in its state")
    String reason = "ferry host maintenance on";

    @Option(names = "--json", description = "print the state as one JSON object")
    boolean json;

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
      // The field is the API's ("name", its path parameter), so a refusal reads the same in both.
      InputValidator.requireName("name", "host name", host);
      return connection.withClient(
          () -> connection.knownHosts().ifPresent(known -> known.require("name", host)),
          client -> {
            connection.ferry(client).requireHosts("name", List.of(host));
            switch (action) {
              case on ->
                  HostMaintenance.enter(
                      client,
                      host,
                      reason,
                      evacuate
                          ? Optional.of(
                              new EvacuationLimits(null, maxPerSource, maxPerDestination, null))
                          : Optional.empty());
              case off -> HostMaintenance.leave(client, host, reason);
              case status -> {}
            }
            Map<String, Object> view = HostMaintenance.state(client, host);
            boolean open = Boolean.TRUE.equals(view.get("inMaintenance"));
            String text =
                "host "
                    + host
                    + (open ? " is in maintenance" : " is not in maintenance")
                    + (view.get("evacuationId") != null
                        ? "; evacuation " + view.get("evacuationId")
                        : "");
            Output.print(json, view, text);
            return ExitCode.OK;
          });
    }
  }
}
