package dev.ferry.client;

import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.PlacementStrategy;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an operator asks for when draining hosts, whichever face took it: {@code ferry evacuate}'s
 * options and the body of {@code POST /v1/evacuations} (whose field names these are). Every field
 * but {@code hosts} may be left out; {@link #toRequest} is the one mapping to the workflow's input.
 *
 * @param id the evacuation's batch id, or null to make one ({@code evac-HOST-SECONDS})
 * @param hosts the hosts to drain
 * @param to the only destinations allowed, or null for any other host
 * @param deadline ISO-8601 or a delay such as {@code +2h}: nothing starts that would not end by
 *     then
 */
public record EvacuationOrder(
    String id,
    List<String> hosts,
    List<String> to,
    Integer maxParallel,
    Integer maxPerSource,
    Integer maxPerDestination,
    Long bandwidthMiBps,
    String deadline,
    EndPolicy atDeadline,
    EndPolicy onCancel,
    PlacementStrategy strategy,
    Integer maxAttempts,
    Boolean stopOnFailure,
    List<List<String>> antiAffinity) {

  /** The workflow input's field names where the order's differ. */
  private static final Map<String, String> ORDER_FIELDS =
      Map.of("destinations", "to", "batchId", "id");

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The workflow's input, every name and value validated under its field.
   *
   * @throws InvalidInputException naming the field and the value
   */
  public EvacuationRequest toRequest(Instant now) {
    if (hosts == null || hosts.isEmpty()) {
      throw new InvalidInputException("hosts", "name at least one host to evacuate");
    }
    Names.requireEach("hosts", "host name", hosts);
    Names.requireEach("to", "host name", to);
    if (antiAffinity != null) {
      for (int i = 0; i < antiAffinity.size(); i++) {
        Names.requireEach("antiAffinity[" + i + "]", "VM name", antiAffinity.get(i));
      }
    }
    if (id != null) {
      InputValidator.requireName("id", "evacuation id", id);
    }
    try {
      return EvacuationRequest.builder(
              id != null ? id : EvacuationStarter.defaultBatchId(hosts, now), hosts)
          .destinations(to)
          .limits(
              new EvacuationLimits(maxParallel, maxPerSource, maxPerDestination, bandwidthMiBps))
          .strategy(strategy)
          .deadline(deadline == null ? null : TimeArgument.future("deadline", deadline, now))
          .atDeadline(atDeadline)
          .onCancel(onCancel)
          .maxAttempts(maxAttempts)
          .stopOnFailure(Boolean.TRUE.equals(stopOnFailure))
          .antiAffinity(antiAffinity)
          .build();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(orderField(e.field()), e.getMessage());
    }
  }

  /** The order's name for a field of the workflow input. */
  private static String orderField(String requestField) {
    return requestField == null ? null : ORDER_FIELDS.getOrDefault(requestField, requestField);
  }

  /** A builder, so a face names only what the operator set. */
  public static final class Builder {
    private String id;
    private List<String> hosts;
    private List<String> to;
    private Integer maxParallel;
    private Integer maxPerSource;
    private Integer maxPerDestination;
    private Long bandwidthMiBps;
    private String deadline;
    private EndPolicy atDeadline;
    private EndPolicy onCancel;
    private PlacementStrategy strategy;
    private Integer maxAttempts;
    private Boolean stopOnFailure;
    private List<List<String>> antiAffinity;

    private Builder() {}

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder hosts(List<String> value) {
      hosts = value;
      return this;
    }

    public Builder to(List<String> value) {
      to = value;
      return this;
    }

    public Builder maxParallel(Integer value) {
      maxParallel = value;
      return this;
    }

    public Builder maxPerSource(Integer value) {
      maxPerSource = value;
      return this;
    }

    public Builder maxPerDestination(Integer value) {
      maxPerDestination = value;
      return this;
    }

    public Builder bandwidthMiBps(Long value) {
      bandwidthMiBps = value;
      return this;
    }

    public Builder deadline(String value) {
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

    public Builder strategy(PlacementStrategy value) {
      strategy = value;
      return this;
    }

    public Builder maxAttempts(Integer value) {
      maxAttempts = value;
      return this;
    }

    public Builder stopOnFailure(Boolean value) {
      stopOnFailure = value;
      return this;
    }

    public Builder antiAffinity(List<List<String>> value) {
      antiAffinity = value;
      return this;
    }

    public EvacuationOrder build() {
      return new EvacuationOrder(
          id,
          hosts,
          to,
          maxParallel,
          maxPerSource,
          maxPerDestination,
          bandwidthMiBps,
          deadline,
          atDeadline,
          onCancel,
          strategy,
          maxAttempts,
          stopOnFailure,
          antiAffinity);
    }
  }
}
