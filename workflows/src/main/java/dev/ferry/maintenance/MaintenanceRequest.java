package dev.ferry.maintenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.evacuation.EvacuationRequest;
import dev.ferry.validation.InputValidator;

/**
 * Puts a host in maintenance.
 *
 * @param host the inventory host
 * @param reason why, for operators
 * @param evacuation the evacuation to start as the host enters maintenance, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaintenanceRequest(String host, String reason, EvacuationRequest evacuation) {
  public MaintenanceRequest {
    InputValidator.requireName("host", "host name", host);
    reason = reason == null ? "" : reason;
  }
}
