package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputTest {
  @Test
  void timesPrintAsIsoStrings() {
    String json = Output.toJson(Output.single("startedAt", Instant.parse("2026-12-01T08:00:00Z")));

    assertEquals("{\"startedAt\":\"2026-12-01T08:00:00Z\"}", json);
  }
}
