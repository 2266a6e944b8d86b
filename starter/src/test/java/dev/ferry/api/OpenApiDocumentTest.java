package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.EvacuationOrder;
import dev.ferry.client.HostsQuery;
import dev.ferry.client.MigrationOrder;
import dev.ferry.convergence.ConvergencePresets;
import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationPhase;
import dev.ferry.evacuation.EvacuationProgress;
import dev.ferry.evacuation.PlacementStrategy;
import dev.ferry.evacuation.VmReport;
import dev.ferry.evacuation.VmState;
import dev.ferry.inventory.HostStatus;
import dev.ferry.maintenance.WindowPhase;
import dev.ferry.migration.Phase;
import dev.ferry.options.Compression;
import dev.ferry.options.MigrationMode;
import dev.ferry.options.StorageCopy;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The served OpenAPI document describes exactly the routes and request fields the server has: a
 * route or body field added to one and not the other fails here.
 */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  private static JsonNode document() throws IOException {
    try (InputStream in = FerryApi.class.getResourceAsStream(FerryApi.OPENAPI_RESOURCE)) {
      return ApiStack.JSON.readTree(in);
    }
  }

  private static List<Route> routes() {
    return new FerryApi(null, Optional.empty(), Duration.ZERO, null).routes();
  }

  @Test
  void describesEveryRouteAndNoOther() throws IOException {
    Set<String> documented = new TreeSet<>();
    document()
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    Set<String> served =
        routes().stream()
            .map(r -> r.method() + " " + r.template())
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(served, documented);
  }

  @Test
  void marksExactlyTheOpenRoutesAsNeedingNoToken() throws IOException {
    JsonNode paths = document().get("paths");
    for (Route route : routes()) {
      JsonNode operation = paths.get(route.template()).get(route.method().toLowerCase(Locale.ROOT));
      boolean documentedOpen = operation.has("security") && operation.get("security").isEmpty();
      assertEquals(route.open(), documentedOpen, route.method() + " " + route.template());
      if (!route.open()) {
        assertTrue(operation.get("responses").has("401"), route.template() + " lacks 401");
      }
    }
  }

  @Test
  void describesEveryFieldOfTheMigrateBody() throws IOException {
    JsonNode properties = document().at("/components/schemas/MigrateRequest/properties");
    Set<String> documented = new TreeSet<>();
    properties.fieldNames().forEachRemaining(documented::add);
    Set<String> accepted =
        Arrays.stream(MigrationOrder.class.getRecordComponents())
            .map(c -> c.getName())
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(accepted, documented);
    assertEquals(enumValues(MigrationMode.values()), texts(properties.at("/mode/enum")));
    assertEquals(enumValues(StorageCopy.values()), texts(properties.at("/storageCopy/enum")));
    assertEquals(enumValues(Compression.values()), texts(properties.at("/compression/enum")));
    assertEquals(
        new TreeSet<>(ConvergencePresets.names()), texts(properties.at("/convergence/enum")));
  }

  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("EvacuateRequest", EvacuationOrder.class),
        Arguments.of("MaintenanceRequest", MaintenanceRoutes.MaintenanceBody.class),
        Arguments.of("WindowRequest", WindowRoutes.WindowBody.class),
        Arguments.of("TuneRequest", ControlRoutes.TuneBody.class),
        Arguments.of("AbortRequest", ControlRoutes.AbortBody.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void describesEveryFieldOfEachBodyAndNoOther(String schema, Class<? extends Record> body)
      throws IOException {
    JsonNode described = document().at("/components/schemas/" + schema);
    Set<String> documented = new TreeSet<>();
    described.get("properties").fieldNames().forEachRemaining(documented::add);
    Set<String> accepted =
        Arrays.stream(body.getRecordComponents())
            .map(c -> c.getName())
            .collect(Collectors.toCollection(TreeSet::new));

    assertEquals(accepted, documented);
    assertFalse(described.get("additionalProperties").asBoolean(true), "unknown fields refused");
  }

  @Test
  void listsTheEvacuationsEnumsAsTheBodiesAndReportsHaveThem() throws IOException {
    JsonNode evacuate = document().at("/components/schemas/EvacuateRequest/properties");
    JsonNode window = document().at("/components/schemas/WindowRequest/properties");

    assertEquals(enumValues(EndPolicy.values()), texts(evacuate.at("/atDeadline/enum")));
    assertEquals(enumValues(EndPolicy.values()), texts(evacuate.at("/onCancel/enum")));
    assertEquals(enumValues(EndPolicy.values()), texts(window.at("/onEnd/enum")));
    assertEquals(enumValues(PlacementStrategy.values()), texts(evacuate.at("/strategy/enum")));
    assertEquals(
        names(VmState.values()),
        texts(document().at("/components/schemas/VmReport/properties/state/enum")));
    assertEquals(
        names(EvacuationPhase.values()),
        texts(document().at("/components/schemas/EvacuationProgress/properties/phase/enum")));
    Set<String> windowPhases =
        texts(document().at("/components/schemas/WindowRow/properties/phase/enum"));
    assertTrue(windowPhases.containsAll(names(WindowPhase.values())), windowPhases.toString());
  }

  @Test
  void describesEveryFieldOfTheEvacuationReport() throws IOException {
    assertEquals(
        components(EvacuationProgress.class),
        properties("/components/schemas/EvacuationProgress/properties"));
    assertEquals(components(VmReport.class), properties("/components/schemas/VmReport/properties"));
  }

  @Test
  void describesEveryFieldOfAHostRow() throws IOException {
    HostStatus host =
        new HostStatus(
            "h1", "sim", "10.0.0.1", true, null, "x86_64", "m", 1, 1, List.of(), List.of());
    Map<String, Object> row = HostsQuery.rows(List.of(host), Set.of("h1")).get(0);

    assertEquals(new TreeSet<>(row.keySet()), properties("/components/schemas/Host/properties"));
    assertEquals(true, row.get("inMaintenance"));
  }

  @Test
  void listsEveryPhase() throws IOException {
    Set<String> documented =
        texts(document().at("/components/schemas/Migration/properties/phase/enum"));
    for (Phase phase : Phase.values()) {
      assertTrue(documented.contains(phase.name()), phase + " missing");
    }
  }

  private static Set<String> enumValues(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> components(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(c -> c.getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> properties(String pointer) throws IOException {
    Set<String> names = new TreeSet<>();
    document().at(pointer).fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(
        node -> {
          if (!node.isNull()) {
            texts.add(node.asText());
          }
        });
    return texts;
  }
}
