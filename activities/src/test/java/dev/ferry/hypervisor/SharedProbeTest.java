package dev.ferry.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Probes sit beside the image, are never the same twice, and nothing else passes for one. */
class SharedProbeTest {
  @Test
  void aProbeIsWrittenInTheImagesDirectoryUnderAFreshName() {
    String first = SharedProbe.beside("/srv/shared/web.qcow2");
    String second = SharedProbe.beside("/srv/shared/web.qcow2");

    assertTrue(first.startsWith("/srv/shared/.ferry-shared-probe-"), first);
    assertEquals("/srv/shared", SharedProbe.directory(first));
    assertNotEquals(first, second);
    assertTrue(SharedProbe.isProbe(first));
    assertTrue(SharedProbe.beside("/web.qcow2").startsWith("/.ferry-shared-probe-"));
  }

  @Test
  void onlyAProbeIsAProbe() {
    assertFalse(SharedProbe.isProbe("/srv/shared/web.qcow2"));
    assertFalse(SharedProbe.isProbe("/srv/shared/.ferry-shared-probe-"));
    assertFalse(SharedProbe.isProbe("/srv/shared/.ferry-shared-probe-ab/web.qcow2"));
    assertFalse(SharedProbe.isProbe("/srv/shared/web.qcow2.ferry-owner.x.y"));
  }
}
