package dev.ferry.activities;

import dev.ferry.migration.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * A test hook: lets the lab's fault tests stop a worker at a precise point of a migration and kill
 * it there. Active only when the worker's environment sets {@value #ENV} to a directory; without it
 * the worker uses {@link FaultHook#NONE} and behaves exactly as in production.
 *
 * <p>Points are named {@code before-PHASE} (the activity has not acted yet) and {@code after-PHASE}
 * (it acted, its result is not yet reported), phases in lower case ({@code before-rollback} and
 * {@code after-rollback} around each undo step, a handed-over cleanup's included), and {@code
 * before-transfer} (perform observed the hosts and is about to start the job). At every point the
 * worker appends {@code POINT VM PID EPOCH_MILLIS} to {@code points.log} in that directory. If the
 * file {@code hold-POINT-VM} exists there, it writes its pid to {@code held-POINT-VM} and waits
 * until the hold file is removed (at most {@link #MAX_HOLD}), heartbeating meanwhile like any
 * activity.
 */
public final class PausePoints implements FaultHook {
  /** The environment variable naming the hook directory. */
  public static final String ENV = "FERRY_TEST_HOOK_DIR";

  private static final Duration MAX_HOLD = Duration.ofMinutes(10);
  private static final long POLL_MILLIS = 50;

  private final Path dir;

  private PausePoints(Path dir) {
    this.dir = dir;
  }

  /** The hook the environment asks for: pause points, or {@link FaultHook#NONE}. */
  public static FaultHook fromEnvironment() {
    String dir = System.getenv(ENV);
    return dir == null || dir.isBlank() ? NONE : new PausePoints(Path.of(dir));
  }

  @Override
  public void beforePhase(Phase phase, String vm) {
    reach("before-" + phase.name().toLowerCase(Locale.ROOT), vm);
  }

  @Override
  public void afterPhase(Phase phase, String vm) {
    reach("after-" + phase.name().toLowerCase(Locale.ROOT), vm);
  }

  @Override
  public void at(String point, String vm) {
    reach(point, vm);
  }

  private void reach(String point, String vm) {
    String pid = String.valueOf(ProcessHandle.current().pid());
    try {
      Files.createDirectories(dir);
      // One short append per line: lines of several workers sharing the file stay whole.
      Files.writeString(
          dir.resolve("points.log"),
          point + " " + vm + " " + pid + " " + System.currentTimeMillis() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Path hold = dir.resolve("hold-" + point + "-" + vm);
      if (!Files.exists(hold)) {
        return;
      }
      Files.writeString(dir.resolve("held-" + point + "-" + vm), pid, StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + MAX_HOLD.toNanos();
      while (Files.exists(hold) && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("test hook directory " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
