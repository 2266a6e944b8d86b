package dev.ferry.config;

import java.util.List;

/**
 * Settings of the simulated driver.
 *
 * @param speed how many simulated seconds pass per real second (default 1)
 * @param faults faults to inject, for tests and demos of failure handling
 */
public record SimSettings(Double speed, List<SimFaultConfig> faults) {
  public SimSettings {
    speed = speed == null ? 1.0 : speed;
    faults = faults == null ? List.of() : List.copyOf(faults);
  }

  public static SimSettings defaults() {
    return new SimSettings(null, null);
  }

  /**
   * One injected fault.
   *
   * @param phase the phase whose activity fails or hangs: check, prepare, perform, finish, confirm
   * @param vm the guest it applies to, or null for every guest
   * @param action {@code fail} (default), {@code fail-permanent} or {@code hang}
   * @param times how many times it fires (default 1; 0 means every time)
   * @param seconds for {@code hang}: how long, in real seconds (default 3600)
   */
  public record SimFaultConfig(
      String phase, String vm, String action, Integer times, Integer seconds) {
    public SimFaultConfig {
      action = action == null ? "fail" : action;
      times = times == null ? 1 : times;
      seconds = seconds == null ? 3600 : seconds;
    }
  }
}
