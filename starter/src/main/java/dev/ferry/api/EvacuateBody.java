package dev.ferry.api;

import dev.ferry.cli.EvacuationStarter;
import dev.ferry.cli.TimeArgument;
import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.evacuation.PlacementStrategy;
import dev.ferry.options.MigrationOptions;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/evacuations}, with the meanings of {@code ferry evacuate}'s options.
 * Every field but {@code hosts} may be left out.
 *
 * @param id the evacuation's batch id, or null to make one ({@code evac-HOST-SECONDS})
 * @param hosts the hosts to drain
 * @param to the only destinations allowed, or null for any other host
 * @param deadline ISO-8601 or a delay such as {@code +2h}: nothing starts that would not end by
 *     then
 */
record EvacuateBody(
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

  /** The workflow input's field names where the API's differ. */
  private static final Map<String, String> API_FIELDS =
      Map.of("destinations", "to", "batchId", "id");

  /**
   * The workflow's input, every name and value validated under its API field.
   *
   * @throws InvalidInputException naming the field and the value
   */
  EvacuationRequest toRequest(Instant now) {
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
      return new EvacuationRequest(
          id != null ? id : EvacuationStarter.defaultBatchId(hosts, now),
          hosts,
          to,
          new EvacuationLimits(maxParallel, maxPerSource, maxPerDestination, bandwidthMiBps),
          strategy,
          deadline == null ? null : TimeArgument.future("deadline", deadline, now),
          atDeadline,
          onCancel,
          maxAttempts,
          Boolean.TRUE.equals(stopOnFailure),
          antiAffinity,
          MigrationOptions.defaults(),
          null,
          null);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(apiField(e.field()), e.getMessage());
    }
  }

  /** The API's name for a field of the workflow input. */
  static String apiField(String requestField) {
    return requestField == null ? null : API_FIELDS.getOrDefault(requestField, requestField);
  }
}
