package dev.ferry.cli;

import dev.ferry.cli.demo.DemoCommand;
import dev.ferry.worker.TemporalConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: one entry point for operators, workers and the dev server. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    version = "ferry 0.1.0",
    description = "Durable live migration of libvirt/QEMU virtual machines on Temporal.",
    subcommands = {
      MigrateCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      CancelCommand.class,
      AbortCommand.class,
      ForceCompleteCommand.class,
      TuneCommand.class,
      ListCommand.class,
      HostsCommand.class,
      DoctorCommand.class,
      EvacuateCommand.class,
      EvacuationCommand.class,
      HostCommand.class,
      WindowCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      DevServerCommand.class,
      DemoCommand.class,
    },
    footer = {
      "",
      "Exit codes: 0 done (migrated; every guest of an evacuation migrated), 1 error, 2 refused",
      "before start (usage, validation, unknown VM or host), 3 rolled back (an evacuation left",
      "guests behind), 4 needs attention.",
      "Environment: TEMPORAL_ADDRESS (localhost:7233), TEMPORAL_NAMESPACE (default),",
      "FERRY_CONFIG (./ferry.yaml), TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY, TEMPORAL_TLS_CA,",
      "TEMPORAL_API_KEY_FILE, FERRY_PAYLOAD_KEY_FILE, FERRY_API_TOKEN (serve)."
    })
public final class Ferry implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }

  public static void main(String[] args) {
    int exitCode = commandLine().execute(args);
    TemporalConnection.releaseEventLoop();
    System.exit(exitCode);
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Ferry());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
