package dev.ferry.convergence;

import static dev.ferry.convergence.ConvergenceAction.ABORT;
import static dev.ferry.convergence.ConvergenceAction.AUTO_CONVERGE;
import static dev.ferry.convergence.ConvergenceAction.POSTCOPY;
import static dev.ferry.convergence.ConvergenceAction.SUSPEND;
import static dev.ferry.convergence.ConvergenceStep.afterPasses;
import static dev.ferry.convergence.ConvergenceStep.raiseMaxDowntime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named convergence policies an operator picks with {@code --convergence NAME}. Each one ends
 * every migration: by completing it some way, or by aborting it with the guest left on the source.
 */
public final class ConvergencePresets {
  /** libvirt's own default max downtime. */
  private static final long LIBVIRT_DOWNTIME_MS = 300;

  private static final long BASE_SECONDS = 300;
  private static final long SECONDS_PER_GIB = 60;
  private static final long WINDOW_SECONDS = 120;

  private static final Map<String, ConvergencePolicy> PRESETS = new LinkedHashMap<>();

  static {
    // Longer pauses first, then a slower guest, then post-copy if the operator allowed it.
    add(
        "default",
        LIBVIRT_DOWNTIME_MS,
        false,
        List.of(
            raiseMaxDowntime(3, 500),
            raiseMaxDowntime(3, 1000),
            afterPasses(3, AUTO_CONVERGE),
            afterPasses(3, POSTCOPY),
            afterPasses(3, ABORT)));
    // The guest must barely notice: a short pause, never slowed, never post-copy; else abort.
    add("minimal-downtime", 100, false, List.of(raiseMaxDowntime(5, 200), afterPasses(5, ABORT)));
    // Post-copy always completes, at the price of a guest that waits on network page faults.
    add(
        "allow-postcopy",
        LIBVIRT_DOWNTIME_MS,
        true,
        List.of(raiseMaxDowntime(2, 500), afterPasses(2, POSTCOPY)));
    // Completion matters more than the guest's pause: finally stop it and send the rest.
    add(
        "suspend-if-needed",
        LIBVIRT_DOWNTIME_MS,
        false,
        List.of(raiseMaxDowntime(3, 1000), afterPasses(3, AUTO_CONVERGE), afterPasses(3, SUSPEND)));
  }

  private ConvergencePresets() {}

  private static void add(
      String name, long downtimeMs, boolean postcopy, List<ConvergenceStep> schedule) {
    PRESETS.put(
        name,
        new ConvergencePolicy(
            name, downtimeMs, schedule, postcopy, BASE_SECONDS, SECONDS_PER_GIB, WINDOW_SECONDS));
  }

  /** The policy used when the operator names none. */
  public static ConvergencePolicy defaults() {
    return PRESETS.get("default");
  }

  /** The preset names, default first. */
  public static List<String> names() {
    return List.copyOf(PRESETS.keySet());
  }

  /**
   * The preset of this name.
   *
   * @throws IllegalArgumentException naming the presets that exist
   */
  public static ConvergencePolicy named(String name) {
    ConvergencePolicy policy = PRESETS.get(name);
    if (policy == null) {
      throw new IllegalArgumentException(
          "unknown convergence policy '" + name + "': use one of " + String.join(", ", names()));
    }
    return policy;
  }
}
