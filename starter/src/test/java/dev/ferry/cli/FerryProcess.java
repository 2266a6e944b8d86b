package dev.ferry.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/ferry} as a separate process, the way operators and scripts do. */
final class FerryProcess {
  static final Path ROOT =
      Path.of(System.getProperty("ferry.root", "..")).toAbsolutePath().normalize();
  static final Path LOGS = ROOT.resolve("starter/target/it-logs");

  /** What a finished command printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {}

  private FerryProcess() {}

  /** Starts a long-running command (dev-server, worker), logging to target/it-logs/NAME.log. */
  static Process start(String name, Map<String, String> env, String... args) throws IOException {
    Files.createDirectories(LOGS);
    ProcessBuilder builder = builder(env, args);
    File log = LOGS.resolve(name + ".log").toFile();
    builder.redirectErrorStream(true).redirectOutput(log);
    return builder.start();
  }

  /** Runs a command to its end, within a time limit. */
  static Result run(Duration limit, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(LOGS);
    Path out = Files.createTempFile(LOGS, "out", ".txt");
    Path err = Files.createTempFile(LOGS, "err", ".txt");
    Process process =
        builder(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "ferry "
              + String.join(" ", args)
              + " did not finish within "
              + limit
              + "; stderr: "
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static ProcessBuilder builder(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("bin/ferry").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(env);
    return builder;
  }

  /** Stops a process politely, then by force. */
  static void stop(Process process) throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
