package dev.ferry.evacuation;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * What an evacuation needs to read about the fleet; answered by a worker, which holds the hosts.
 */
@ActivityInterface(namePrefix = "Fleet")
public interface FleetActivities {
  /**
   * Every host (reachability, free memory, link, maintenance state) and the guests of the hosts to
   * drain, each with the hosts that can run it. Reads only; running it twice is harmless.
   */
  FleetSnapshot snapshot(List<String> draining);
}
