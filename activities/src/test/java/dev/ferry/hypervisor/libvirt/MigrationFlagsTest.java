package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.options.MigrationFlag;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationFlagsTest {
  /** libvirt's documented values of virDomainMigrateFlags (libvirt-domain.h). */
  private static final Map<MigrationFlag, Long> DOCUMENTED = new EnumMap<>(MigrationFlag.class);

  static {
    DOCUMENTED.put(MigrationFlag.LIVE, 1L);
    DOCUMENTED.put(MigrationFlag.PEER_TO_PEER, 2L);
    DOCUMENTED.put(MigrationFlag.TUNNELLED, 4L);
    DOCUMENTED.put(MigrationFlag.PERSIST_DEST, 8L);
    DOCUMENTED.put(MigrationFlag.UNDEFINE_SOURCE, 16L);
    DOCUMENTED.put(MigrationFlag.PAUSED, 32L);
    DOCUMENTED.put(MigrationFlag.NON_SHARED_DISK, 64L);
    DOCUMENTED.put(MigrationFlag.NON_SHARED_INC, 128L);
    DOCUMENTED.put(MigrationFlag.CHANGE_PROTECTION, 256L);
    DOCUMENTED.put(MigrationFlag.OFFLINE, 1024L);
    DOCUMENTED.put(MigrationFlag.COMPRESSED, 2048L);
    DOCUMENTED.put(MigrationFlag.ABORT_ON_ERROR, 4096L);
    DOCUMENTED.put(MigrationFlag.AUTO_CONVERGE, 8192L);
    DOCUMENTED.put(MigrationFlag.POSTCOPY, 32768L);
    DOCUMENTED.put(MigrationFlag.TLS, 65536L);
    DOCUMENTED.put(MigrationFlag.PARALLEL, 131072L);
  }

  @Test
  void mapsEveryFlagToLibvirtsDocumentedBit() {
    for (MigrationFlag flag : MigrationFlag.values()) {
      assertEquals(DOCUMENTED.get(flag), MigrationFlags.bit(flag), flag.name());
    }
  }

  @Test
  void agreesWithLibvirtJavasConstants() {
    assertEquals(org.libvirt.Domain.MigrateFlags.LIVE, MigrationFlags.bit(MigrationFlag.LIVE));
    assertEquals(
        org.libvirt.Domain.MigrateFlags.PEER2PEER, MigrationFlags.bit(MigrationFlag.PEER_TO_PEER));
    assertEquals(
        org.libvirt.Domain.MigrateFlags.OFFLINE, MigrationFlags.bit(MigrationFlag.OFFLINE));
    assertEquals(
        org.libvirt.Domain.MigrateFlags.PARALLEL, MigrationFlags.bit(MigrationFlag.PARALLEL));
  }

  @Test
  void postcopyResumeIsLibvirtsDocumentedBit() {
    // VIR_MIGRATE_POSTCOPY_RESUME in libvirt-domain.h; 1 << 18 is NON_SHARED_SYNCHRONOUS_WRITES.
    assertEquals(524288L, MigrationFlags.VIR_MIGRATE_POSTCOPY_RESUME);
  }

  @Test
  void combinesFlagsIntoOneWord() {
    long bits =
        MigrationFlags.of(
            List.of(MigrationFlag.LIVE, MigrationFlag.PEER_TO_PEER, MigrationFlag.PERSIST_DEST));
    assertEquals(1L | 2L | 8L, bits);
  }
}
