package dev.ferry.cli.demo;

import dev.ferry.cli.MigrationWatcher;
import dev.ferry.client.MigrationStarter;
import dev.ferry.config.Inventory;
import dev.ferry.config.InventoryLoader;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.MigrationOptions;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo on real hosts: brings up two lab hosts with {@code lab/up}, boots a Linux guest that
 * dirties memory, and live-migrates it from one host to the other with the progress line.
 */
final class LabDemo {
  static final String GUEST = "ferry-demo";

  private final Path home;

  LabDemo(Path home) {
    this.home = home;
  }

  /**
   * Whether to run the lab: as root, with the lab scripts beside the launcher ({@code lab/up}
   * installs libvirt and QEMU itself when they are missing).
   */
  static boolean possible(Path home) {
    return "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(home.resolve("lab/up"));
  }

  /** Starts the hosts and the guest; returns the lab's inventory. */
  Inventory prepare() throws IOException, InterruptedException {
    System.out.println("ferry demo: starting two real libvirt hosts (lab/up 2)...");
    script("up", "2");
    if (!running(GUEST)) {
      System.out.println("ferry demo: booting guest " + GUEST + " on lab-1...");
      script("guest", GUEST, "--host", "lab-1", "--memory", "256", "--dirty", "16");
    }
    return InventoryLoader.load(home.resolve("lab/ferry.yaml"));
  }

  int run(WorkflowClient client) throws IOException, InterruptedException {
    String destination = script("console", GUEST, "--log").contains("/lab-1/") ? "lab-2" : "lab-1";
    System.out.println("\nlive migration of " + GUEST + " to " + destination);
    String id =
        MigrationStarter.start(
            client,
            new MigrationRequest(GUEST, null, destination, MigrationOptions.defaults(), null));
    int code = new MigrationWatcher(client, id, false).follow();
    System.out.println("   serial console now says: " + script("console", GUEST).strip());
    System.out.println("   (lab/down stops the lab hosts)");
    return code;
  }

  private boolean running(String guest) throws IOException, InterruptedException {
    return run(List.of(home.resolve("lab/console").toString(), guest)).exitCode == 0;
  }

  private String script(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(home.resolve("lab").resolve(name).toString());
    command.addAll(List.of(args));
    Result result = run(command);
    if (result.exitCode != 0) {
      throw new IllegalStateException("lab/" + name + " failed:\n" + result.out);
    }
    return result.out;
  }

  private record Result(int exitCode, String out) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), out);
  }
}
