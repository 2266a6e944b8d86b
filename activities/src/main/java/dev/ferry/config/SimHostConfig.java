package dev.ferry.config;

/**
 * A simulated host's model. Unset values take the defaults of a typical 2-socket server.
 *
 * @param arch CPU architecture
 * @param cpuModel host CPU model; it runs guests of this and older models
 * @param memoryMiB memory in all
 * @param linkMiBps bandwidth of its migration link, each direction
 */
public record SimHostConfig(String arch, String cpuModel, Long memoryMiB, Long linkMiBps) {
  public SimHostConfig {
    arch = arch == null ? "x86_64" : arch;
    cpuModel = cpuModel == null ? "Skylake-Server" : cpuModel;
    memoryMiB = memoryMiB == null ? 262_144L : memoryMiB;
    linkMiBps = linkMiBps == null ? 1_192L : linkMiBps;
  }

  public static SimHostConfig defaults() {
    return new SimHostConfig(null, null, null, null);
  }
}
