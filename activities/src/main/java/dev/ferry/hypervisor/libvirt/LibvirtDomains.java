package dev.ferry.hypervisor.libvirt;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DomainFence;
import dev.ferry.hypervisor.libvirt.NativeConnect.NativeException;
import dev.ferry.reconcile.DomainObservation;
import dev.ferry.reconcile.DomainState;
import org.libvirt.Domain;
import org.libvirt.DomainJobStats;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * Observing and changing one host's domains, each change idempotent: it looks at the domain first
 * and does nothing when the domain already is as asked.
 */
final class LibvirtDomains {
  /** The namespace of ferry's element in a domain's {@code <metadata>}. */
  static final String METADATA_NS = "https://ferry.dev/xmlns/migration/1";

  static final String METADATA_KEY = "ferry";

  /**
   * The namespace of the mark a rollback leaves on the guest it kept on its source; apart from the
   * stamp, so that writing one never rewrites the other.
   */
  static final String ROLLBACK_NS = "https://ferry.dev/xmlns/rollback/1";

  static final String ROLLBACK_KEY = "ferry-rollback";

  private static final int METADATA_ELEMENT = 2;
  private static final int AFFECT_LIVE = 1;
  private static final int AFFECT_CONFIG = 2;
  private static final int XML_SECURE = 1;
  private static final int XML_MIGRATABLE = 8;

  /**
   * Managed save, snapshot and checkpoint metadata go with the definition. NVRAM is kept: after a
   * migration it may be the very file the destination's copy uses on shared storage, and libvirt
   * refuses to undefine a guest with NVRAM unless told to keep or delete it.
   */
  static final int UNDEFINE_FLAGS = 1 | 2 | 8 | 16;

  private final HostConnection connection;

  LibvirtDomains(HostConnection connection) {
    this.connection = connection;
  }

  /** The domain of that name, or null; the caller frees it. */
  static Domain lookup(NativeConnect c, String name) throws LibvirtException {
    try {
      return c.domainLookupByName(name);
    } catch (LibvirtException e) {
      if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
        return null;
      }
      throw e;
    }
  }

  /**
   * The domain's running migration job, or null. An inactive domain has no job (and libvirt refuses
   * to be asked).
   */
  static DomainJobStats migrationJob(Domain domain) throws LibvirtException {
    if (domain.isActive() != 1) {
      return null;
    }
    try {
      DomainJobStats job = domain.getJobStats(0);
      return JobStatsReader.migrationActive(job.type, job.stats) ? job : null;
    } catch (LibvirtException e) {
      if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
        return null; // stopped between the two calls
      }
      if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED)) {
        return null; // the incoming side of a migration: libvirt reports its job on the source only
      }
      throw e;
    }
  }

  DomainObservation observe(String name) {
    return connection.call(
        "observe " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain == null) {
            return DomainObservation.absent();
          }
          try {
            return observe(c, name, domain);
          } finally {
            domain.free();
          }
        });
  }

  /** What the domain shows now, read on the connection that is about to act on it. */
  private static DomainObservation observe(NativeConnect c, String name, Domain domain)
      throws LibvirtException, NativeException {
    int[] state = c.domainState(name);
    if (state == null) {
      return DomainObservation.absent(); // gone between the two lookups
    }
    return new DomainObservation(
        true,
        DomainStates.state(state[0], state[1]),
        DomainStates.reason(state[0], state[1]),
        migrationJob(domain) != null,
        metadataId(domain, METADATA_NS),
        domain.isPersistent() == 1,
        domain.getUUIDString(),
        metadataId(domain, ROLLBACK_NS));
  }

  /** The {@code id} of ferry's element in that namespace of the domain's metadata, or null. */
  private static String metadataId(Domain domain, String namespace) throws LibvirtException {
    String xml;
    try {
      xml = domain.getMetadata(METADATA_ELEMENT, namespace, 0);
    } catch (LibvirtException e) {
      if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)) {
        return null;
      }
      throw e;
    }
    return Xml.attr(Xml.parse(xml), "id");
  }

  /** Writes the migration's stamp once the domain proves to be the guest of that UUID. */
  void stamp(String name, String uuid, String migrationId) {
    writeMetadata(name, uuid, "stamping", METADATA_KEY, METADATA_NS, "migration", migrationId);
  }

  /** Leaves the rollback's mark once the domain proves to be the guest of that UUID. */
  void markRolledBack(String name, String uuid, String migrationId) {
    writeMetadata(name, uuid, "marking", ROLLBACK_KEY, ROLLBACK_NS, "rolled-back", migrationId);
  }

  private void writeMetadata(
      String name,
      String uuid,
      String act,
      String key,
      String namespace,
      String element,
      String migrationId) {
    connection.call(
        act + " " + name,
        c -> {
          Domain domain = require(c, name);
          try {
            DomainFence.guest(uuid)
                .require(connection.hostName(), name, act, observe(c, name, domain));
            int impact = (domain.isActive() == 1 ? AFFECT_LIVE : 0);
            impact |= domain.isPersistent() == 1 ? AFFECT_CONFIG : 0;
            String xml = "<" + element + " id='" + Xml.escape(migrationId) + "'/>";
            domain.setMetadata(METADATA_ELEMENT, xml, key, namespace, impact);
            return null;
          } finally {
            domain.free();
          }
        });
  }

  void abortJob(String name) {
    connection.call(
        "abort job of " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain == null) {
            return null;
          }
          try {
            if (migrationJob(domain) != null) {
              domain.abortJob();
            }
          } catch (LibvirtException e) {
            // The job ended between the look and the abort: what the caller wanted.
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
              throw e;
            }
          } finally {
            domain.free();
          }
          return null;
        });
  }

  void destroy(String name, DomainFence fence) {
    connection.call(
        "destroy " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain == null) {
            return null;
          }
          try {
            if (domain.isActive() == 1) {
              fence.require(connection.hostName(), name, "destroying", observe(c, name, domain));
              domain.destroy();
            }
          } finally {
            domain.free();
          }
          return null;
        });
  }

  void setPaused(String name, boolean paused, DomainFence fence) {
    connection.call(
        (paused ? "pause " : "resume ") + name,
        c -> {
          Domain domain = require(c, name);
          try {
            fence.require(
                connection.hostName(),
                name,
                paused ? "pausing" : "resuming",
                observe(c, name, domain));
            int[] raw = c.domainState(name);
            DomainState state =
                raw == null ? DomainState.OTHER : DomainStates.state(raw[0], raw[1]);
            if (paused && state == DomainState.RUNNING) {
              domain.suspend();
            } else if (!paused && state == DomainState.PAUSED) {
              domain.resume();
            }
          } finally {
            domain.free();
          }
          return null;
        });
  }

  void undefine(String name, DomainFence fence) {
    connection.call(
        "undefine " + name,
        c -> {
          Domain domain = lookup(c, name);
          if (domain == null) {
            return null;
          }
          try {
            if (domain.isPersistent() == 1) {
              fence.require(connection.hostName(), name, "undefining", observe(c, name, domain));
              domain.undefine(UNDEFINE_FLAGS);
            }
          } finally {
            domain.free();
          }
          return null;
        });
  }

  void persist(String name) {
    connection.call(
        "persist " + name,
        c -> {
          Domain domain = require(c, name);
          try {
            if (domain.isPersistent() != 1) {
              // The migratable XML leaves out runtime-only details; secure keeps passwords.
              c.domainDefineXML(domain.getXMLDesc(XML_SECURE | XML_MIGRATABLE)).free();
            }
          } finally {
            domain.free();
          }
          return null;
        });
  }

  private Domain require(NativeConnect c, String name) throws LibvirtException {
    Domain domain = lookup(c, name);
    if (domain == null) {
      throw new FerryException(
          FailureType.VM_NOT_FOUND, "no guest " + name + " on host " + connection.hostName());
    }
    return domain;
  }
}
