package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.disk.BackingStore;
import dev.ferry.failure.FerryException;
import dev.ferry.hypervisor.DiskSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainXmlTest {
  private static final String LAB_GUEST =
      """
      <domain type='qemu' id='3'>
        <name>g1</name>
        <uuid>180e78b0-5924-4797-ad8a-af3add4dce7b</uuid>
        <memory unit='KiB'>262144</memory>
        <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
        <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>
        <devices>
          <disk type='file' device='disk'>
            <driver name='qemu' type='qcow2' cache='none'/>
            <source file='/var/lib/libvirt/images/g1.qcow2'/>
            <target dev='vda' bus='virtio'/>
          </disk>
          <disk type='file' device='cdrom'>
            <source file='/iso/x.iso'/><target dev='hdc' bus='ide'/>
          </disk>
          <disk type='network' device='disk'>
            <source protocol='rbd' name='pool/img'/><target dev='vdb' bus='virtio'/>
          </disk>
          <hostdev mode='subsystem' type='pci' managed='yes'>
            <source><address domain='0x0000' bus='0x3b' slot='0x00' function='0x1'/></source>
          </hostdev>
          <hostdev mode='subsystem' type='usb'>
            <source><vendor id='0x046d'/><product id='0xc52b'/></source>
          </hostdev>
        </devices>
      </domain>
      """;

  @Test
  void readsIdentityCpuMemoryFileDisksAndHostDevices() {
    DomainXml xml = DomainXml.parse(LAB_GUEST, "Skylake-Server");
    assertEquals("180e78b0-5924-4797-ad8a-af3add4dce7b", xml.uuid());
    assertEquals("x86_64", xml.arch());
    assertEquals("qemu64/qemu", xml.cpu().describe());
    assertEquals(256L << 20, xml.memoryBytes());
    assertEquals(
        List.of(
            new DomainXml.Disk("vda", "/var/lib/libvirt/images/g1.qcow2", "qcow2"),
            new DomainXml.Disk("hdc", "/iso/x.iso", "raw", null, DiskSource.FILE, "cdrom", null),
            new DomainXml.Disk("vdb", "pool/img", "raw", null, DiskSource.NETWORK, "disk", "rbd")),
        xml.disks());
    assertEquals(List.of("pci 0000:3b:00.1", "usb 046d:c52b"), xml.hostDevices());
  }

  @Test
  void readsEveryKindOfDiskAndDrive() {
    String xml =
        """
        <domain type='kvm'><uuid>u</uuid><memory unit='MiB'>128</memory>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>
            <disk type='block' device='disk'>
              <driver name='qemu' type='raw'/>
              <source dev='/dev/vg0/data'/><target dev='vda' bus='virtio'/>
            </disk>
            <disk type='block' device='lun'>
              <source dev='/dev/disk/by-id/wwn-0x5000'/><target dev='sda' bus='scsi'/>
            </disk>
            <disk type='network' device='disk'>
              <driver name='qemu' type='raw'/>
              <source protocol='iscsi' name='iqn.2026-01.dev.ferry:tgt/1'>
                <host name='10.0.0.5' port='3260'/>
              </source>
              <target dev='vdb' bus='virtio'/>
            </disk>
            <disk type='volume' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source pool='default' volume='app.qcow2'/><target dev='vdc' bus='virtio'/>
            </disk>
            <disk type='file' device='cdrom'>
              <target dev='hdc' bus='ide'/><readonly/>
            </disk>
            <disk type='file' device='floppy'>
              <source file='/srv/floppy/drivers.img'/><target dev='fda' bus='fdc'/>
            </disk>
            <disk type='vhostuser' device='disk'>
              <source type='unix' path='/run/vhost.sock'/><target dev='vdd' bus='virtio'/>
            </disk>
          </devices>
        </domain>
        """;

    assertEquals(
        List.of(
            new DomainXml.Disk("vda", "/dev/vg0/data", "raw", null, DiskSource.BLOCK, "disk", null),
            new DomainXml.Disk(
                "sda", "/dev/disk/by-id/wwn-0x5000", "raw", null, DiskSource.BLOCK, "lun", null),
            new DomainXml.Disk(
                "vdb",
                "iqn.2026-01.dev.ferry:tgt/1",
                "raw",
                null,
                DiskSource.NETWORK,
                "disk",
                "iscsi"),
            new DomainXml.Disk(
                "vdc", null, "qcow2", null, DiskSource.VOLUME, "disk", "default/app.qcow2"),
            new DomainXml.Disk("hdc", null, "raw", null, DiskSource.FILE, "cdrom", null),
            new DomainXml.Disk(
                "fda", "/srv/floppy/drivers.img", "raw", null, DiskSource.FILE, "floppy", null),
            new DomainXml.Disk("vdd", null, "raw", null, DiskSource.OTHER, "disk", "vhostuser")),
        DomainXml.parse(xml, "Haswell").disks());
  }

  @Test
  void anSriovInterfaceIsAPassedThroughDevice() {
    String xml =
        """
        <domain type='kvm'><uuid>u</uuid><memory unit='MiB'>128</memory>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>
            <interface type='network'><source network='default'/></interface>
            <interface type='hostdev' managed='yes'>
              <source><address type='pci' domain='0x0000' bus='0x81' slot='0x10' function='0x2'/></source>
              <mac address='52:54:00:6d:90:02'/>
            </interface>
          </devices>
        </domain>
        """;

    assertEquals(
        List.of("interface pci 0000:81:10.2"), DomainXml.parse(xml, "Haswell").hostDevices());
  }

  @Test
  void aGuestWithoutCpuElementUsesTheDefaultModel() {
    String xml =
        "<domain type='kvm'><uuid>u</uuid><memory unit='MiB'>128</memory>"
            + "<os><type arch='x86_64'>hvm</type></os></domain>";
    DomainXml parsed = DomainXml.parse(xml, "Haswell");
    assertEquals("default", parsed.cpu().describe());
    assertEquals(128L << 20, parsed.memoryBytes());
  }

  @Test
  void passthroughRecordsTheSourceHostModel() {
    String xml =
        "<domain type='kvm'><uuid>u</uuid><memory>1024</memory>"
            + "<cpu mode='host-passthrough'/></domain>";
    CpuSpec cpu = DomainXml.parse(xml, "Icelake-Server").cpu();
    assertEquals("host-passthrough/Icelake-Server", cpu.describe());
    assertEquals(cpu, CpuSpec.parse(cpu.describe()));
  }

  @Test
  void cpuSpecsRoundTripThroughTheirText() {
    for (String text : List.of("Haswell/kvm", "qemu64/qemu", "host-model", "default")) {
      assertEquals(text, CpuSpec.parse(text).describe());
    }
  }

  @Test
  void refusesDoctypesSoNoEntityIsEverExpanded() {
    String evil =
        "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            + "<domain><uuid>&x;</uuid></domain>";
    assertThrows(FerryException.class, () -> DomainXml.parse(evil, "x"));
  }

  @Test
  void volumeXmlNamesTheFileAndFormat() {
    assertEquals(
        "<volume><name>g1.qcow2</name><capacity unit='bytes'>67108864</capacity>"
            + "<target><format type='qcow2'/></target></volume>",
        LibvirtStorage.volumeXml("/var/lib/libvirt/images/g1.qcow2", "qcow2", 67108864));
  }

  @Test
  void readsTheFirstLayerOfEachDisksBackingChain() {
    String xml =
        """
        <domain type='kvm'><uuid>u</uuid><memory unit='MiB'>128</memory>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='/var/lib/libvirt/images/top.qcow2'/>
              <backingStore type='file' index='1'>
                <format type='qcow2'/>
                <source file='/srv/base/debian.qcow2'/>
                <backingStore type='file' index='2'>
                  <format type='raw'/>
                  <source file='/srv/base/root.raw'/>
                  <backingStore/>
                </backingStore>
              </backingStore>
              <target dev='vda' bus='virtio'/>
            </disk>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='/var/lib/libvirt/images/flat.qcow2'/>
              <backingStore/>
              <target dev='vdb' bus='virtio'/>
            </disk>
            <disk type='file' device='disk'>
              <source file='/var/lib/libvirt/images/unknown.img'/>
              <backingStore type='file'><source file='/srv/base/any.img'/></backingStore>
              <target dev='vdc' bus='virtio'/>
            </disk>
          </devices>
        </domain>
        """;

    List<DomainXml.Disk> disks = DomainXml.parse(xml, "Haswell").disks();

    assertEquals(
        List.of(
            new DomainXml.Disk(
                "vda",
                "/var/lib/libvirt/images/top.qcow2",
                "qcow2",
                new BackingStore("/srv/base/debian.qcow2", "qcow2")),
            new DomainXml.Disk("vdb", "/var/lib/libvirt/images/flat.qcow2", "qcow2"),
            new DomainXml.Disk(
                "vdc",
                "/var/lib/libvirt/images/unknown.img",
                "raw",
                new BackingStore("/srv/base/any.img", null))),
        disks);
  }

  @Test
  void anOverlayIsCreatedOnItsBackingFile() {
    assertEquals(
        "<volume><name>top.qcow2</name><capacity unit='bytes'>1024</capacity>"
            + "<target><format type='qcow2'/></target>"
            + "<backingStore><path>/srv/base/debian.qcow2</path><format type='qcow2'/>"
            + "</backingStore></volume>",
        LibvirtStorage.volumeXml(
            "/var/lib/libvirt/images/top.qcow2",
            "qcow2",
            1024,
            new BackingStore("/srv/base/debian.qcow2", "qcow2")));
  }

  @Test
  void aSharedStorageProbeIsAnEmptyRawVolumeNamedAfterItself() {
    String probe = dev.ferry.hypervisor.SharedProbe.beside("/srv/shared/web.qcow2");
    String name = probe.substring("/srv/shared/".length());

    assertEquals(
        "<volume><name>"
            + name
            + "</name><capacity unit='bytes'>0</capacity>"
            + "<target><format type='raw'/></target></volume>",
        LibvirtStorage.volumeXml(probe, "raw", 0));
  }
}
