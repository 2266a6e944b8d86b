package dev.ferry.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * One process's metrics in Prometheus form: the Temporal SDK's own (through the tally scope handed
 * to the client) and ferry's, both in one registry scraped as text.
 */
public final class FerryMetrics implements AutoCloseable {
  /** The names of ferry's migration metrics start with this; they get histogram buckets. */
  static final String MIGRATION_PREFIX = "ferry_migration";

  private final PrometheusMeterRegistry registry;
  private final Scope scope;

  private FerryMetrics(PrometheusMeterRegistry registry, Scope scope) {
    this.registry = registry;
    this.scope = scope;
  }

  /**
   * Creates the registry and the scope that feeds it.
   *
   * @param reportEvery how often the SDK's scope hands its figures to the registry
   */
  public static FerryMetrics create(Duration reportEvery) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(histogramsForMigrations());
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis((double) reportEvery.toMillis()));
    return new FerryMetrics(registry, scope);
  }

  /** Durations and downtimes as histograms, so Prometheus can compute quantiles across workers. */
  private static MeterFilter histogramsForMigrations() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().startsWith(MIGRATION_PREFIX)) {
          return DistributionStatisticConfig.builder()
              .percentilesHistogram(true)
              .build()
              .merge(config);
        }
        return config;
      }
    };
  }

  /** The scope to hand to Temporal's service stubs and test environments. */
  public Scope scope() {
    return scope;
  }

  /** The registry, for metrics the process records directly. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Everything, in Prometheus' text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    try {
      scope.close();
    } catch (Exception e) {
      // Closing only flushes the last figures; nothing is lost that matters at shutdown.
    }
    registry.close();
  }
}
