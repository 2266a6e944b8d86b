package dev.ferry.failure;

/**
 * The vocabulary of ferry's failures. Each constant's name is the {@code type} of the Temporal
 * {@code ApplicationFailure} that carries it, so retry rules and the CLI match on these names only.
 */
public enum FailureType {
  /** The request names a VM that no host has. */
  VM_NOT_FOUND(false, true),
  /** The request names a host the inventory does not have. */
  HOST_NOT_FOUND(false, true),
  /** A host did not answer; it may come back, so the step is retried. */
  HOST_UNREACHABLE(true, false),
  /**
   * A host refused ferry's login (wrong SASL user or password, an unreadable password file, a
   * mechanism the host does not offer). No retry can fix it: a person must fix the credentials.
   * Before anything changed (the capability check) it refuses the request.
   */
  AUTH_FAILED(false, true),
  /** The migration options contradict each other or the VM's state. */
  INVALID_OPTIONS(false, true),
  /** Source and destination are the same host. */
  SAME_HOST(false, true),
  /** Source and destination differ in architecture or hypervisor type. */
  INCOMPATIBLE_HOST(false, true),
  /** The destination cannot provide the guest's CPU model. */
  CPU_INCOMPATIBLE(false, true),
  /** The destination lacks free memory for the guest and the migrations already heading there. */
  INSUFFICIENT_MEMORY(false, true),
  /** The destination already has a domain with the guest's name or UUID. */
  NAME_CLASH(false, true),
  /** The guest owns a passed-through host device, which cannot move. */
  PASSTHROUGH_DEVICE(false, true),
  /** The guest is in a state ferry cannot migrate from (crashed, mid-job of another tool, ...). */
  UNSUPPORTED_STATE(false, true),
  /** The transfer itself failed; the rollback decides what is left. */
  MIGRATION_FAILED(false, false),
  /**
   * The transfer did not converge within the bounds of its convergence policy and was aborted; the
   * guest keeps running on the source.
   */
  NOT_CONVERGED(false, false),
  /**
   * An operator control found no migration job running to act on; retried briefly, since a transfer
   * may be about to start.
   */
  NO_TRANSFER(true, false),
  /** An operator control was accepted but did not take effect; the migration goes on. */
  CONTROL_FAILED(false, false),
  /** The guest runs on both hosts: two writers on one disk. */
  SPLIT_BRAIN(false, false),
  /**
   * ferry refused to act on a domain or image it cannot prove belongs to this migration (another
   * UUID, another stamp, another owner mark, or in use by a guest): nothing was done to it.
   */
  NOT_OURS(false, false),
  /**
   * A perform attempt found, right before starting a transfer, that it is no longer the current one
   * (a later attempt claimed the guest, or the migration rolled back): it started nothing.
   */
  SUPERSEDED(false, false),
  /** What ferry observed matches no safe action; a person must look. */
  NEEDS_ATTENTION(false, false),
  /** A hypervisor call failed in a way that may pass (lost connection, busy job lock). */
  HYPERVISOR_ERROR(true, false),
  /** A fault injected by the simulated driver that should be retried. */
  INJECTED_TRANSIENT(true, false),
  /** A fault injected by the simulated driver that should not be retried. */
  INJECTED_PERMANENT(false, false);

  private final boolean retryable;
  private final boolean refusal;

  FailureType(boolean retryable, boolean refusal) {
    this.retryable = retryable;
    this.refusal = refusal;
  }

  /** Whether retrying the same step may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /**
   * Whether this failure refuses the request before anything changed on a host: the CLI reports it
   * as "refused" (exit code 2) rather than as a rollback.
   */
  public boolean refusal() {
    return refusal;
  }

  /** The failure types that activity retry policies must never retry. */
  public static String[] nonRetryableNames() {
    return java.util.Arrays.stream(values())
        .filter(t -> !t.retryable)
        .map(Enum::name)
        .toArray(String[]::new);
  }

  /** The constant named by a failure's type string, or {@code null} if it is not one of ours. */
  public static FailureType fromName(String name) {
    for (FailureType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
