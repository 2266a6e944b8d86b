package dev.ferry.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ferry.options.MigrationOptions;
import dev.ferry.validation.InputValidator;

/**
 * The workflow's input: names only. Hosts are inventory names, never URIs or credentials; the
 * worker resolves those locally.
 *
 * @param vm the guest's name on the source
 * @param source the source host, or null to find it from the inventory
 * @param destination the destination host
 * @param options how to migrate
 * @param batchId the evacuation this migration belongs to, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationRequest(
    String vm, String source, String destination, MigrationOptions options, String batchId) {

  public MigrationRequest {
    InputValidator.requireName("vm", "VM name", vm);
    if (source != null) {
      InputValidator.requireName("source", "source host name", source);
    }
    InputValidator.requireName("destination", "destination host name", destination);
    options = options == null ? MigrationOptions.defaults() : options;
  }

  /** The workflow id: one open migration per VM. */
  public String workflowId() {
    return workflowIdFor(vm);
  }

  /** The workflow id of the migration of the named VM. */
  public static String workflowIdFor(String vm) {
    return "migration-" + vm;
  }
}
