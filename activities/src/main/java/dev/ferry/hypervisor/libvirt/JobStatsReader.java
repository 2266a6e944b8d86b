package dev.ferry.hypervisor.libvirt;

import dev.ferry.convergence.JobStats;
import dev.ferry.migration.MigrationStats;
import org.libvirt.TypedDoubleParameter;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedLongParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedUintParameter;
import org.libvirt.TypedUlongParameter;

/**
 * libvirt's job statistics ({@code virDomainGetJobStats}) as ferry's records. The job type is read
 * as the number libvirt returns: libvirt-java's {@code Domain.JobType} constants are bit values and
 * match nothing.
 */
final class JobStatsReader {
  static final int JOB_NONE = 0;
  static final int JOB_BOUNDED = 1;
  static final int JOB_UNBOUNDED = 2;

  static final int OPERATION_UNKNOWN = 0;
  static final int OPERATION_MIGRATION_IN = 4;
  static final int OPERATION_MIGRATION_OUT = 5;

  private JobStatsReader() {}

  /** Whether a job of this type with these statistics is a migration that still runs. */
  static boolean migrationActive(int type, TypedParameter[] stats) {
    if (type != JOB_BOUNDED && type != JOB_UNBOUNDED) {
      return false;
    }
    // Older daemons send no operation; anything they run as a job here is a migration to ferry.
    long operation = number(stats, "operation", OPERATION_UNKNOWN);
    return operation == OPERATION_UNKNOWN
        || operation == OPERATION_MIGRATION_IN
        || operation == OPERATION_MIGRATION_OUT;
  }

  static JobStats running(
      TypedParameter[] stats, long maxDowntimeMs, boolean postcopy, long fallbackPageSize) {
    long pageSize = number(stats, "memory_page_size", fallbackPageSize);
    long transferRate = number(stats, "memory_bps", 0) + number(stats, "disk_bps", 0);
    return new JobStats(
        number(stats, "time_elapsed", 0),
        number(stats, "data_total", 0),
        number(stats, "data_processed", 0),
        number(stats, "data_remaining", 0),
        number(stats, "memory_dirty_rate", 0) * pageSize,
        transferRate,
        number(stats, "memory_iteration", 0),
        maxDowntimeMs,
        postcopy);
  }

  static MigrationStats completed(TypedParameter[] stats, boolean postcopy) {
    return new MigrationStats(
        number(stats, "time_elapsed", 0),
        number(stats, "downtime", 0),
        number(stats, "data_total", 0),
        number(stats, "data_processed", 0),
        number(stats, "memory_iteration", 0),
        postcopy,
        false);
  }

  /** A numeric statistic by name, or the fallback when libvirt did not send it. */
  static long number(TypedParameter[] stats, String name, long fallback) {
    if (stats == null) {
      return fallback;
    }
    for (TypedParameter p : stats) {
      if (!name.equals(p.field)) {
        continue;
      }
      if (p instanceof TypedUlongParameter v) {
        return v.value;
      }
      if (p instanceof TypedLongParameter v) {
        return v.value;
      }
      if (p instanceof TypedIntParameter v) {
        return v.value;
      }
      if (p instanceof TypedUintParameter v) {
        return Integer.toUnsignedLong(v.value);
      }
      if (p instanceof TypedDoubleParameter v) {
        return (long) v.value;
      }
    }
    return fallback;
  }
}
