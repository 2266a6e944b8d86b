package dev.ferry.hypervisor.libvirt;

import dev.ferry.disk.DiskPlan;
import dev.ferry.hypervisor.MigrationTarget;
import dev.ferry.options.Compression;
import dev.ferry.options.MigrationFlag;
import dev.ferry.options.MigrationOptions;
import dev.ferry.plan.MigrationPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

/**
 * A plan as libvirt's typed migration parameters ({@code VIR_MIGRATE_PARAM_*}). Max downtime has no
 * parameter: the driver sets it once the job runs.
 */
final class MigrationParams {
  static final String URI = "migrate_uri";
  static final String DEST_NAME = "destination_name";
  static final String BANDWIDTH = "bandwidth";
  static final String BANDWIDTH_POSTCOPY = "bandwidth.postcopy";
  static final String MIGRATE_DISKS = "migrate_disks";
  static final String PARALLEL_CONNECTIONS = "parallel.connections";
  static final String COMPRESSION = "compression";

  private MigrationParams() {}

  static TypedParameter[] of(MigrationPlan plan, MigrationTarget target) {
    MigrationOptions options = plan.options();
    boolean live = plan.resolved().live();
    List<TypedParameter> params = new ArrayList<>();
    // Without an explicit stream URI the destination advertises its hostname, which need not
    // resolve on the migration network; a tunnelled stream has no URI of its own.
    if (live && target.migrationUri() != null && !plan.resolved().has(MigrationFlag.TUNNELLED)) {
      params.add(new TypedStringParameter(URI, target.migrationUri()));
    }
    // Always sent, renamed or not: it is harmless, and libvirt-java 0.5.4 fails on an empty
    // parameter array (an offline migration has no other parameter).
    params.add(new TypedStringParameter(DEST_NAME, plan.destinationName()));
    if (live && options.bandwidthMiBps() != null) {
      params.add(new TypedUlongParameter(BANDWIDTH, options.bandwidthMiBps()));
      // libvirt caps the post-copy phase separately and leaves it unlimited by default: without
      // this, a capped migration floods the link as soon as it switches to post-copy.
      if (plan.resolved().has(MigrationFlag.POSTCOPY)) {
        params.add(new TypedUlongParameter(BANDWIDTH_POSTCOPY, options.bandwidthMiBps()));
      }
    }
    for (DiskPlan disk : plan.disksToCopy()) {
      params.add(new TypedStringParameter(MIGRATE_DISKS, disk.target()));
    }
    if (live && options.parallelConnections() != null) {
      params.add(new TypedIntParameter(PARALLEL_CONNECTIONS, options.parallelConnections()));
    }
    if (live && options.compression() != Compression.NONE) {
      params.add(
          new TypedStringParameter(
              COMPRESSION, options.compression().name().toLowerCase(Locale.ROOT)));
    }
    return params.toArray(new TypedParameter[0]);
  }
}
