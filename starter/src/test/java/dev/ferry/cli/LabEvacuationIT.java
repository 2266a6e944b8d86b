package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real evacuation: three guests on lab-3 drained to lab-1 and lab-2 with at most one migration
 * arriving at each and a total bandwidth budget, through separate dev server, worker and CLI
 * processes; checked with virsh. A fourth domain, shut off and named as libvirt allows but ferry
 * refuses ({@code Win 10}), is reported and stays, and the evacuation still ends. lab-3 is used by
 * no other test, so the evacuation moves only this test's guests.
 */
class LabEvacuationIT {
  private static final String PREFIX = "it-e-";
  private static final List<String> HOSTS = List.of("lab-1", "lab-2", "lab-3");
  private static FerryStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = FerryStack.start("lab-evac", LabSupport.start(3));
    Lab.clean(PREFIX, HOSTS.toArray(String[]::new));
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
      Lab.clean(PREFIX, HOSTS.toArray(String[]::new));
    }
  }

  @Test
  void hostIsDrainedToTwoDestinationsOneArrivalAtATimeAndEveryGuestRunsOnce() throws Exception {
    List<String> others = Lab.domains("lab-3").stream().filter(d -> !d.startsWith(PREFIX)).toList();
    assertEquals(List.of(), others, "lab-3 must hold only this test's guests");
    List<String> guests = List.of(PREFIX + "a", PREFIX + "b", PREFIX + "c");
    for (String guest : guests) {
      Lab.guest(guest, "lab-3", "--memory", "128", "--dirty", "2");
    }
    // A name libvirt allows and ferry refuses: reported, left where it is, and the rest moves.
    String oddName = PREFIX + "Win 10";
    Lab.define("lab-3", oddName, "");
    AtomicInteger mostArriving = new AtomicInteger();
    AtomicReference<String> overLimit = new AtomicReference<>();
    Thread sampler = new Thread(() -> sampleArrivals(mostArriving, overLimit), "arrivals");
    sampler.setDaemon(true);
    sampler.start();

    JsonNode report =
        stack.json(
            3,
            "evacuate",
            "lab-3",
            "--to",
            "lab-1",
            "lab-2",
            "--max-per-destination",
            "1",
            // 32 MiB/s for each of the two running at once: slow enough to be seen arriving.
            "--bandwidth",
            "64",
            "--id",
            "lab-evac",
            "--wait");
    sampler.interrupt();
    sampler.join(10_000);

    assertEquals(3, report.get("counts").get("MIGRATED").asInt(), report.toString());
    assertEquals(1, report.get("counts").get("CANNOT_MOVE").asInt(), report.toString());
    assertTrue(report.toString().contains("white space"), report.toString());
    assertEquals("shut off", Lab.state("lab-3", oddName), "the refused guest stayed as it was");
    for (String guest : guests) {
      List<String> runningOn = new ArrayList<>();
      for (String host : HOSTS) {
        if (Lab.state(host, guest).equals("running")) {
          runningOn.add(host);
        }
      }
      assertEquals(1, runningOn.size(), guest + " runs on " + runningOn);
      assertTrue(List.of("lab-1", "lab-2").contains(runningOn.get(0)), guest + " on " + runningOn);
      assertEquals("absent", Lab.state("lab-3", guest));
    }
    assertEquals(null, overLimit.get(), "more than one migration arrived at a host at once");
    assertTrue(mostArriving.get() >= 1, "the sampler saw the migrations arrive");

    JsonNode listed = stack.json(0, "evacuation", "list");
    JsonNode row = null;
    for (JsonNode candidate : listed) {
      if (candidate.path("workflowId").asText().equals("evacuation-lab-evac")) {
        row = candidate;
      }
    }
    assertTrue(row != null, "ferry evacuation list shows the evacuation: " + listed);
    assertEquals("completed", row.path("status").asText(), row.toString());
    assertEquals(3, row.path("migrated").asInt(), row.toString());
    assertEquals("lab-3", row.path("hosts").path(0).asText(), row.toString());
  }

  /** An incoming migration shows on the destination as a paused domain. */
  private static void sampleArrivals(AtomicInteger most, AtomicReference<String> overLimit) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        for (String host : List.of("lab-1", "lab-2")) {
          Lab.Run paused = Lab.virsh(host, "list", "--state-paused", "--name");
          long arriving =
              paused.out().lines().map(String::strip).filter(l -> l.startsWith(PREFIX)).count();
          most.accumulateAndGet((int) arriving, Math::max);
          if (arriving > 1) {
            overLimit.compareAndSet(null, host + ": " + paused.out().strip());
          }
        }
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      } catch (java.io.IOException e) {
        overLimit.compareAndSet(null, "virsh failed: " + e.getMessage());
      }
    }
  }
}
