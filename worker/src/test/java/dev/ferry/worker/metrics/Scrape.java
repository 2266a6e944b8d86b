package dev.ferry.worker.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Prometheus text scrape, read by metric name and labels. */
final class Scrape {
  private final List<String> lines;

  Scrape(String text) {
    this.lines = text.lines().filter(l -> !l.startsWith("#")).toList();
  }

  /** Scrapes until the sample reaches the value, as the SDK reports on a timer. */
  static Scrape await(FerryMetrics metrics, String name, Map<String, String> labels, double value)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Scrape scrape = new Scrape(metrics.scrape());
    while (scrape.value(name, labels) < value && System.nanoTime() < deadline) {
      Thread.sleep(50);
      scrape = new Scrape(metrics.scrape());
    }
    return scrape;
  }

  /** The series of one metric, for failure messages. */
  String series(String name) {
    return String.join("\n", lines.stream().filter(l -> l.startsWith(name)).toList());
  }

  boolean has(String name) {
    return lines.stream().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
  }

  /** The sample's value, summed over series that carry all the labels; 0 if there are none. */
  double value(String name, Map<String, String> labels) {
    return lines.stream()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(
            l ->
                labels.entrySet().stream()
                    .allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
