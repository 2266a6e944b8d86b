package dev.ferry.hypervisor.libvirt;

/**
 * What a guest's CPU is, carried between hosts as {@code DomainFacts.cpuModel()} in a readable
 * form: {@code MODEL/VIRTTYPE} for a named model (for example {@code Haswell/kvm} or {@code
 * qemu64/qemu}), {@code host-passthrough/HOSTMODEL} for a guest that sees its host's CPU as is,
 * {@code host-model} while libvirt has not yet expanded it, {@code default} when the domain names
 * no CPU (the hypervisor's default model for the architecture).
 *
 * @param mode {@code custom}, {@code host-passthrough}, {@code host-model} or {@code default}
 * @param model the model name (for passthrough: the source host's model), or null
 * @param virtType the domain type ({@code kvm}, {@code qemu} for TCG), or null
 */
record CpuSpec(String mode, String model, String virtType) {
  static final String CUSTOM = "custom";
  static final String PASSTHROUGH = "host-passthrough";
  static final String HOST_MODEL = "host-model";
  static final String DEFAULT = "default";

  String describe() {
    return switch (mode) {
      case CUSTOM -> model + "/" + virtType;
      case PASSTHROUGH -> PASSTHROUGH + "/" + model;
      default -> mode;
    };
  }

  static CpuSpec parse(String text) {
    if (text == null || text.isBlank() || text.equals(DEFAULT)) {
      return new CpuSpec(DEFAULT, null, null);
    }
    if (text.equals(HOST_MODEL)) {
      return new CpuSpec(HOST_MODEL, null, null);
    }
    int slash = text.lastIndexOf('/');
    String head = slash < 0 ? text : text.substring(0, slash);
    String tail = slash < 0 ? null : text.substring(slash + 1);
    if (head.equals(PASSTHROUGH)) {
      return new CpuSpec(PASSTHROUGH, tail, null);
    }
    return new CpuSpec(CUSTOM, head, tail == null ? "kvm" : tail);
  }

  /** The {@code <cpu>} XML that asks for exactly this model, for the hypervisor CPU compare. */
  String compareXml() {
    return "<cpu mode='custom' match='exact'><model fallback='forbid'>"
        + Xml.escape(model)
        + "</model></cpu>";
  }
}
