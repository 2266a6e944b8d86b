package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real libvirt hosts of {@code lab/}, driven through its scripts and {@code virsh}, to set up
 * guests and to check what ferry did to them independently of ferry's own view.
 */
final class Lab {
  static final Path DIR = FerryProcess.ROOT.resolve("lab");
  static final Path INVENTORY = DIR.resolve("ferry.yaml");
  static final Path STATE =
      Path.of(
          System.getenv("FERRY_LAB_DIR") == null
              ? "/var/lib/ferry-lab"
              : System.getenv("FERRY_LAB_DIR"));

  /** Where lab/up --sasl keeps the lab's own client credentials (libvirt's auth.conf). */
  static final Path AUTH_FILE = STATE.resolve("sasl/auth.conf");

  /**
   * A guest for fault cases: small and idle (its counter still ticks every second), so that it
   * converges at any bandwidth and a capped transfer lasts a predictable time (about 11 s at 8
   * MiB/s).
   */
  static final String[] SMALL_GUEST = {"--memory", "128", "--dirty", "0"};

  /** {@link #SMALL_GUEST} with a local disk, which prepare pre-creates on the destination. */
  static final String[] SMALL_GUEST_LOCAL_DISK = {
    "--memory", "128", "--dirty", "0", "--disk", "local"
  };

  private static final Pattern COUNTER = Pattern.compile("ferry-counter (\\d+)");

  /** What a command printed and returned. */
  record Run(int exitCode, String out) {}

  private Lab() {}

  /** Starts the lab's hosts (idempotent); fails the tests with the script's output if it cannot. */
  static void up(int hosts) throws IOException, InterruptedException {
    Run run = script(600, "up", String.valueOf(hosts));
    assertEquals(0, run.exitCode(), "lab/up failed:\n" + run.out());
  }

  /** Starts the hosts with host {@code saslHost} requiring a SASL password. */
  static void upWithSasl(int hosts, int saslHost) throws IOException, InterruptedException {
    Run run = script(600, "up", String.valueOf(hosts), "--sasl", String.valueOf(saslHost));
    assertEquals(0, run.exitCode(), "lab/up --sasl failed:\n" + run.out());
  }

  /** The password file lab/up made for a SASL host. */
  static Path passwordFile(String host) {
    return STATE.resolve("sasl").resolve(host + ".pass");
  }

  static String uri(String host) {
    return "qemu+tcp://10.77.0." + host.substring(host.lastIndexOf('-') + 1) + "/system";
  }

  /** Creates a guest with lab/guest (which waits for it to boot unless shut off). */
  static void guest(String name, String host, String... options)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("guest", name, "--host", host));
    args.addAll(Arrays.asList(options));
    Run run = script(300, args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), "lab/guest " + name + " failed:\n" + run.out());
  }

  /** Defines a minimal shut-off domain straight through virsh (lab/guest refuses duplicates). */
  static void define(String host, String name, String devices)
      throws IOException, InterruptedException {
    Path xml = Files.createTempFile("domain", ".xml");
    Files.writeString(
        xml,
        "<domain type='qemu'><name>"
            + name
            + "</name><memory unit='MiB'>64</memory><os><type arch='x86_64'>hvm</type></os>"
            + "<devices>"
            + devices
            + "</devices></domain>",
        StandardCharsets.UTF_8);
    Run defined = virsh(host, "define", xml.toString());
    Files.deleteIfExists(xml);
    assertEquals(0, defined.exitCode(), defined.out());
  }

  static Run virsh(String host, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", uri(host)));
    command.addAll(Arrays.asList(args));
    return exec(120, command);
  }

  /** Every domain on a host, running or not. */
  static List<String> domains(String host) throws IOException, InterruptedException {
    Run run = virsh(host, "list", "--all", "--name");
    assertEquals(0, run.exitCode(), run.out());
    return run.out().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  /** {@code running}, {@code shut off}, ... or {@code absent}. */
  static String state(String host, String name) throws IOException, InterruptedException {
    Run run = virsh(host, "domstate", name);
    return run.exitCode() == 0 ? run.out().strip() : "absent";
  }

  /** The state with its reason, as {@code virsh domstate --reason} prints it, or {@code absent}. */
  static String stateWithReason(String host, String name) throws IOException, InterruptedException {
    Run run = virsh(host, "domstate", name, "--reason");
    return run.exitCode() == 0 ? run.out().strip() : "absent";
  }

  static boolean persistent(String host, String name) throws IOException, InterruptedException {
    Run run = virsh(host, "dominfo", name);
    return run.out().lines().anyMatch(l -> l.matches("Persistent:\\s+yes"));
  }

  /** Names of the images in a host's default pool. */
  static List<String> images(String host) throws IOException, InterruptedException {
    virsh(host, "pool-refresh", "default");
    Run run = virsh(host, "vol-list", "default");
    return run.out()
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .map(line -> line.replaceFirst("\\s.*", ""))
        .toList();
  }

  /** The guest's last counter, read from the serial log on the host where it runs now. */
  static long counter(String name) throws IOException, InterruptedException {
    Run run = script(60, "console", name);
    Matcher m = COUNTER.matcher(run.out());
    if (run.exitCode() != 0 || !m.find()) {
      throw diagnosed(name, "no counter for " + name + ": " + run.out());
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * Waits until the guest prints a counter above {@code floor} on the host where it runs now, and
   * returns it. A guest under emulation on a loaded machine may need several seconds for one
   * iteration of its loop, and a host it just moved to has no counter until the first one ends.
   */
  static long counterAbove(String name, long floor, Duration patience)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Run run = script(60, "console", name);
      Matcher m = COUNTER.matcher(run.out());
      if (run.exitCode() == 0 && m.find() && Long.parseLong(m.group(1)) > floor) {
        return Long.parseLong(m.group(1));
      }
      last = run.out();
      Thread.sleep(500);
    }
    throw diagnosed(
        name, name + " printed no counter above " + floor + " within " + patience + ": " + last);
  }

  /**
   * A failure about the guest's counter, with what every host shows of the guest: tells a guest
   * that stopped or panicked from one whose console went quiet.
   */
  private static AssertionError diagnosed(String name, String message)
      throws IOException, InterruptedException {
    return new AssertionError(
        message + "what the hosts show of it:\n" + script(60, "diagnose", name).out());
  }

  /** Checks with lab/diskcheck that the block lab/guest wrote is intact on that host's image. */
  static Run diskcheck(String name, String host, String disk)
      throws IOException, InterruptedException {
    return script(120, "diskcheck", name, "--host", host, "--disk", disk);
  }

  /** How many times the guest booted according to a host's serial log. */
  static long boots(String name, String host) throws IOException, InterruptedException {
    Run path = script(30, "console", name, "--host", host, "--log");
    Path log = Path.of(path.out().strip());
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("ferry-boot"))
        .count();
  }

  /** The lab's state directory, as lab/lib.sh resolves it. */
  private static Path stateDir() {
    String dir = System.getenv("FERRY_LAB_DIR");
    return Path.of(dir == null || dir.isBlank() ? "/var/lib/ferry-lab" : dir);
  }

  /** Kills a host's libvirt daemon with SIGKILL (its guests' QEMU processes live on). */
  static void killDaemon(String host) throws IOException, InterruptedException {
    Path pidFile = stateDir().resolve("pids/libvirtd-" + host + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
    ProcessHandle daemon =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no libvirtd " + pid));
    daemon.destroyForcibly();
    daemon.onExit().orTimeout(30, TimeUnit.SECONDS).join();
  }

  /** Restarts daemons that died (lab/up is idempotent and leaves running hosts alone). */
  static void restartDaemons() throws IOException, InterruptedException {
    up(2);
  }

  /** Cuts a host off the lab's bridge (its veth down) or reconnects it. */
  static void link(String host, boolean up) throws IOException, InterruptedException {
    String veth = "ferryv" + host.substring(host.lastIndexOf('-') + 1);
    Run run = exec(30, List.of("ip", "link", "set", veth, up ? "up" : "down"));
    assertEquals(0, run.exitCode(), run.out());
  }

  /** Whether a migration job runs for the guest on that host, as virsh domjobinfo says. */
  static boolean jobActive(String host, String name) throws IOException, InterruptedException {
    Run run = virsh(host, "domjobinfo", name);
    return run.exitCode() == 0
        && run.out().lines().anyMatch(l -> l.strip().matches("Job type:\\s+Unbounded"));
  }

  /** Removes every guest and image whose name starts with the prefix, on every given host. */
  static void clean(String prefix, String... hosts) throws IOException, InterruptedException {
    for (String host : hosts) {
      for (String domain : domains(host)) {
        if (domain.startsWith(prefix)) {
          virsh(host, "destroy", domain);
          virsh(host, "undefine", domain, "--remove-all-storage");
        }
      }
      for (String image : images(host)) {
        if (image.startsWith(prefix)) {
          virsh(host, "vol-delete", image, "--pool", "default");
        }
      }
    }
  }

  private static Run script(int seconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(DIR.resolve(args[0]).toString());
    command.addAll(Arrays.asList(args).subList(1, args.length));
    return exec(seconds, command);
  }

  private static Run exec(int seconds, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("lab", ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    // virsh logs in to SASL hosts with the lab's own credentials, as the lab scripts do.
    if (Files.isReadable(AUTH_FILE)) {
      builder.environment().put("LIBVIRT_AUTH_FILE", AUTH_FILE.toString());
    }
    Process process = builder.start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s");
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    return new Run(process.exitValue(), text);
  }
}
