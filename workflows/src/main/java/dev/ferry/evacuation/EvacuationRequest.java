package dev.ferry.evacuation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.options.MigrationOptions;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import java.time.Instant;
import java.util.List;

/**
 * What to drain and how. Names only: hosts are inventory names, resolved by the workers.
 *
 * @param batchId the evacuation's id; its workflow id is {@code evacuation-<batchId>} and every
 *     migration it starts carries it as {@code FerryBatchId}
 * @param hosts the hosts to empty
 * @param destinations the only hosts guests may go to, or empty for any other host
 * @param limits how many migrations at once and the bandwidth they share
 * @param strategy spread (default) or pack
 * @param deadline no migration starts that would not finish by then; null for none
 * @param atDeadline what happens to migrations still running at the deadline (default finish)
 * @param onCancel what a cancel does to migrations in flight (default abort: roll back)
 * @param maxAttempts migrations tried per guest, each on another destination (default 3)
 * @param stopOnFailure stop starting migrations once a guest could not move (default: go on)
 * @param antiAffinity groups of guests that must not share a host, besides their labels
 * @param options how each guest migrates (the bandwidth share caps its bandwidth)
 * @param startsPerRun migrations started before the workflow continues as new, to keep its history
 *     small (default 400)
 * @param carry the state handed over by the previous run; null on the first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvacuationRequest(
    String batchId,
    List<String> hosts,
    List<String> destinations,
    EvacuationLimits limits,
    PlacementStrategy strategy,
    Instant deadline,
    EndPolicy atDeadline,
    EndPolicy onCancel,
    Integer maxAttempts,
    boolean stopOnFailure,
    List<List<String>> antiAffinity,
    MigrationOptions options,
    Integer startsPerRun,
    EvacuationCarry carry) {
  public static final int DEFAULT_ATTEMPTS = 3;
  public static final int DEFAULT_STARTS_PER_RUN = 400;

  public EvacuationRequest {
    InputValidator.requireName("batchId", "evacuation id", batchId);
    if (hosts == null || hosts.isEmpty()) {
      throw new InvalidInputException("hosts", "name at least one host to evacuate");
    }
    hosts.forEach(h -> InputValidator.requireName("hosts", "host name", h));
    destinations = destinations == null ? List.of() : List.copyOf(destinations);
    destinations.forEach(h -> InputValidator.requireName("destinations", "host name", h));
    for (String d : destinations) {
      if (hosts.contains(d)) {
        throw new InvalidInputException(
            "destinations", "host " + d + " is both evacuated and a destination");
      }
    }
    hosts = List.copyOf(hosts);
    limits = limits == null ? EvacuationLimits.defaults() : limits;
    strategy = strategy == null ? PlacementStrategy.SPREAD : strategy;
    atDeadline = atDeadline == null ? EndPolicy.FINISH : atDeadline;
    onCancel = onCancel == null ? EndPolicy.ABORT : onCancel;
    maxAttempts = maxAttempts == null ? DEFAULT_ATTEMPTS : maxAttempts;
    if (maxAttempts < 1) {
      throw new InvalidInputException("maxAttempts", "maxAttempts must be at least 1");
    }
    antiAffinity =
        antiAffinity == null ? List.of() : antiAffinity.stream().map(List::copyOf).toList();
    antiAffinity.forEach(g -> g.forEach(v -> InputValidator.requireName("antiAffinity", "VM", v)));
    options = options == null ? MigrationOptions.defaults() : options;
    startsPerRun = startsPerRun == null ? DEFAULT_STARTS_PER_RUN : startsPerRun;
    if (startsPerRun < 1) {
      throw new InvalidInputException("startsPerRun", "startsPerRun must be at least 1");
    }
  }

  /** The workflow id of the evacuation with this batch id. */
  public static String workflowIdFor(String batchId) {
    return "evacuation-" + batchId;
  }

  public String workflowId() {
    return workflowIdFor(batchId);
  }

  /** The same request handing the state over to the next run. */
  public EvacuationRequest continuedWith(EvacuationCarry next) {
    return toBuilder().carry(next).build();
  }

  /** A request draining these hosts, every other field at its default until set. */
  public static Builder builder(String batchId, List<String> hosts) {
    return new Builder().batchId(batchId).hosts(hosts);
  }

  /** A builder holding every field of this request. */
  public Builder toBuilder() {
    return new Builder()
        .batchId(batchId)
        .hosts(hosts)
        .destinations(destinations)
        .limits(limits)
        .strategy(strategy)
        .deadline(deadline)
        .atDeadline(atDeadline)
        .onCancel(onCancel)
        .maxAttempts(maxAttempts)
        .stopOnFailure(stopOnFailure)
        .antiAffinity(antiAffinity)
        .options(options)
        .startsPerRun(startsPerRun)
        .carry(carry);
  }

  /** A builder, so callers name only the fields they set; {@link #build} validates. */
  public static final class Builder {
    private String batchId;
    private List<String> hosts;
    private List<String> destinations;
    private EvacuationLimits limits;
    private PlacementStrategy strategy;
    private Instant deadline;
    private EndPolicy atDeadline;
    private EndPolicy onCancel;
    private Integer maxAttempts;
    private boolean stopOnFailure;
    private List<List<String>> antiAffinity;
    private MigrationOptions options;
    private Integer startsPerRun;
    private EvacuationCarry carry;

    private Builder() {}

    public Builder batchId(String value) {
      batchId = value;
      return this;
    }

    public Builder hosts(List<String> value) {
      hosts = value;
      return this;
    }

    public Builder destinations(List<String> value) {
      destinations = value;
      return this;
    }

    public Builder limits(EvacuationLimits value) {
      limits = value;
      return this;
    }

    public Builder strategy(PlacementStrategy value) {
      strategy = value;
      return this;
    }

    public Builder deadline(Instant value) {
      deadline = value;
      return this;
    }

    public Builder atDeadline(EndPolicy value) {
      atDeadline = value;
      return this;
    }

    public Builder onCancel(EndPolicy value) {
      onCancel = value;
      return this;
    }

    public Builder maxAttempts(Integer value) {
      maxAttempts = value;
      return this;
    }

    public Builder stopOnFailure(boolean value) {
      stopOnFailure = value;
      return this;
    }

    public Builder antiAffinity(List<List<String>> value) {
      antiAffinity = value;
      return this;
    }

    public Builder options(MigrationOptions value) {
      options = value;
      return this;
    }

    public Builder startsPerRun(Integer value) {
      startsPerRun = value;
      return this;
    }

    public Builder carry(EvacuationCarry value) {
      carry = value;
      return this;
    }

    public EvacuationRequest build() {
      return new EvacuationRequest(
          batchId,
          hosts,
          destinations,
          limits,
          strategy,
          deadline,
          atDeadline,
          onCancel,
          maxAttempts,
          stopOnFailure,
          antiAffinity,
          options,
          startsPerRun,
          carry);
    }
  }
}
