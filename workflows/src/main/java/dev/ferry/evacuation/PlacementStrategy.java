package dev.ferry.evacuation;

/** How an evacuation chooses among destinations that can all take a guest. */
public enum PlacementStrategy {
  /** The destination with the most free memory left: spreads load and keeps headroom. */
  SPREAD,
  /** The destination with the least free memory that still fits: keeps other hosts empty. */
  PACK
}
