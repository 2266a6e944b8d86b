package dev.ferry.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.config.HostConfig;
import dev.ferry.config.Inventory;
import dev.ferry.config.SimHostConfig;
import dev.ferry.config.SimSettings;
import dev.ferry.config.SimVmConfig;
import dev.ferry.hypervisor.sim.SimCluster;
import dev.ferry.hypervisor.sim.SimDriver;
import dev.ferry.inventory.GuestSighting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code ferry doctor} reads: every hypervisor once, whatever the inventory calls it. */
class GuestSightingTest {

  @Test
  void anAliasSharingAHostsUriIsNotLookedAtTwice() {
    SimHostConfig sim = new SimHostConfig(null, null, 65536L, null);
    Inventory inventory =
        new Inventory(
            List.of(
                new HostConfig("sim-a", "sim://sim-a", null, null, null, sim, null),
                new HostConfig("sim-b", "sim://sim-b", null, null, null, sim, null),
                new HostConfig("sim-b-small", "sim://sim-b", null, null, null, sim, null)),
            List.of(
                new SimVmConfig(
                    "web", "sim-b", 1024L, 0L, "running", null, List.of(), List.of(), null, null)),
            new SimSettings(1000.0, null));
    HostRegistry hosts =
        new HostRegistry(inventory, List.of(new SimDriver(SimCluster.from(inventory))));

    List<GuestSighting> sightings =
        new InventoryActivitiesImpl(hosts, new ReservationLedger()).findGuest(List.of("web"));

    assertEquals(List.of("sim-a", "sim-b"), sightings.stream().map(GuestSighting::host).toList());
    assertEquals(
        List.of(false, true), sightings.stream().map(s -> s.observation().running()).toList());
  }
}
