package dev.ferry.maintenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A host's maintenance state.
 *
 * @param host the inventory host
 * @param inMaintenance it receives no guests
 * @param since when it entered maintenance
 * @param until when it left, or null while in maintenance
 * @param reason why it entered
 * @param evacuationId the workflow id of the evacuation started on entering, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaintenanceState(
    String host,
    boolean inMaintenance,
    Instant since,
    Instant until,
    String reason,
    String evacuationId) {}
