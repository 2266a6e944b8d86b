package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.FerryClient;
import dev.ferry.client.HostMaintenance;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.validation.InputValidator;
import dev.ferry.validation.InvalidInputException;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's maintenance over HTTP, as {@code ferry host maintenance on|off|status HOST}: a host in
 * maintenance receives no guests, and entering it can drain it too.
 */
final class MaintenanceRoutes {
  private static final String DEFAULT_REASON = "requested through the HTTP API";
  private static final int MAX_REASON_LENGTH = 200;

  private final FerryClient ferry;
  private final WorkflowClient client;

  MaintenanceRoutes(FerryClient ferry) {
    this.ferry = ferry;
    this.client = ferry.temporal();
  }

  List<Route> routes() {
    return List.of(
        new Route("GET", "/v1/hosts/{name}/maintenance", false, this::status),
        new Route("POST", "/v1/hosts/{name}/maintenance", false, this::change));
  }

  /**
   * What {@code POST /v1/hosts/{name}/maintenance} takes.
   *
   * @param on true to enter maintenance, false to leave it
   * @param evacuate with {@code on}: also move the host's guests off, under the two limits
   * @param reason why, shown in its state
   */
  record MaintenanceBody(
      Boolean on,
      Boolean evacuate,
      Integer maxPerSource,
      Integer maxPerDestination,
      String reason) {}

  private ApiResponse status(ApiRequest request) {
    String host = requireKnown(request.param("name"));
    return ApiResponse.ok(HostMaintenance.state(client, host));
  }

  private ApiResponse change(ApiRequest request) {
    JsonNode json = Json.parseObject(request.body());
    CredentialGuard.refuseCredentials(json);
    MaintenanceBody body = Json.bind(json, MaintenanceBody.class);
    if (body.on() == null) {
      throw new InvalidInputException(
          "on", "say \"on\": true to enter maintenance, false to leave");
    }
    boolean evacuate = Boolean.TRUE.equals(body.evacuate());
    if (evacuate && !body.on()) {
      throw new InvalidInputException("evacuate", "evacuate goes with \"on\": true only");
    }
    if (!evacuate && (body.maxPerSource() != null || body.maxPerDestination() != null)) {
      throw new InvalidInputException(
          body.maxPerSource() != null ? "maxPerSource" : "maxPerDestination",
          "the limits apply only with \"evacuate\": true");
    }
    Optional<EvacuationLimits> limits =
        evacuate
            ? Optional.of(
                new EvacuationLimits(null, body.maxPerSource(), body.maxPerDestination(), null))
            : Optional.empty();
    String reason = reason(body.reason());
    String host = requireKnown(request.param("name"));
    if (!body.on()) {
      HostMaintenance.leave(client, host, reason);
      return ApiResponse.ok(HostMaintenance.state(client, host));
    }
    Optional<String> evacuation = HostMaintenance.enter(client, host, reason, limits);
    Map<String, Object> state = HostMaintenance.state(client, host);
    if (evacuation.isEmpty()) {
      return ApiResponse.ok(state);
    }
    state.put("evacuationId", evacuation.get());
    return new ApiResponse(202, state, Map.of("Location", "/v1/evacuations/" + evacuation.get()));
  }

  /** The path's host, checked as a name, then against the inventory or a worker's. */
  private String requireKnown(String host) {
    InputValidator.requireName("name", "host name", host);
    ferry.requireHosts("name", List.of(host));
    return host;
  }

  private static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      return DEFAULT_REASON;
    }
    if (reason.length() > MAX_REASON_LENGTH || reason.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(
          "reason",
          "reason "
              + InputValidator.shown(reason)
              + " is not valid: one line of at most "
              + MAX_REASON_LENGTH
              + " characters");
    }
    return reason;
  }
}
