package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dashboard in headless Chromium against a running API server with a simulated migration
 * in flight: the token prompt, the migration in the list, its page with phases and a chart that
 * grows as samples arrive and marks the convergence steps. Screenshots are kept under {@code
 * target/dashboard/}.
 */
class DashboardBrowserTest {
  /**
   * A guest that dirties memory twice as fast as the 32 MiB/s cap: every pass takes about 1.5 s,
   * none converges, so the default policy takes a step every few passes until it aborts.
   */
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a", sim: {memoryMiB: 131072}}
        - {name: sim-b, uri: "sim://sim-b", sim: {memoryMiB: 131072}}
      vms:
        - {name: busy, host: sim-a, memoryMiB: 768, dirtyMiBps: 64}
      sim: {speed: 16}
      """;

  private static final Path ARTIFACTS = Path.of("target", "dashboard");
  private static final String ROW = "document.querySelector('tr[data-id=\"migration-busy\"]')";
  private static final String REMAINING = "document.querySelector('#chart path.series.remaining')";

  @TempDir Path dir;

  @Test
  void showsTheMigrationInFlightAndItsChartGrowsWithStepsMarked() throws Exception {
    Chromium.binary();
    try (ApiStack stack = new ApiStack(dir, INVENTORY);
        Chromium browser =
            Chromium.launch(dir.resolve("chromium-profile"), ARTIFACTS.resolve("chromium.log"))) {
      ApiStack.Reply started =
          stack.call(
              "POST", "/v1/vms/busy/migrate", "{\"host\": \"sim-b\", \"bandwidthMiBps\": 32}");
      assertEquals(202, started.status(), started.raw().body());
      String id = started.body().get("id").asText();
      stack.awaitPerform(id);

      browser.navigate(stack.base() + "/");
      // The server wants its token: the page asks once and keeps it for the tab.
      browser.await("!document.getElementById('login').hidden", Duration.ofSeconds(20));
      browser.evaluate(
          "document.getElementById('token').value = '"
              + ApiStack.TOKEN
              + "'; document.getElementById('login-submit').click(); true");
      browser.await(ROW, Duration.ofSeconds(20));
      String row = browser.evaluate(ROW + ".innerText").asText();
      assertTrue(row.contains("busy") && row.contains("sim-a") && row.contains("sim-b"), row);
      assertTrue(row.toLowerCase(java.util.Locale.ROOT).contains("perform"), row);
      assertEquals(
          ApiStack.TOKEN, browser.evaluate("sessionStorage.getItem('ferry.token')").asText());
      browser.screenshot(ARTIFACTS.resolve("list.png"));

      browser.evaluate(ROW + ".querySelector('a').click(); true");
      browser.await(REMAINING + " && +" + points() + " >= 2", Duration.ofSeconds(20));
      int before = browser.evaluate(points()).asInt();
      String pathBefore = browser.evaluate(REMAINING + ".getAttribute('d')").asText();
      browser.await("+" + points() + " > " + before, Duration.ofSeconds(20));
      assertNotEquals(
          pathBefore, browser.evaluate(REMAINING + ".getAttribute('d')").asText(), "path moved");

      browser.await(
          "document.querySelectorAll('#chart g.step[data-action]').length >= 1",
          Duration.ofSeconds(60));
      assertTrue(
          browser.evaluate("document.querySelectorAll('#steps li:not(.empty)').length").asInt()
              >= 1,
          "the step is listed too");
      String title = browser.evaluate("document.getElementById('title').innerText").asText();
      assertTrue(title.contains("busy") && title.contains("sim-b"), title);
      assertTrue(
          browser
                  .evaluate("document.querySelector('#timeline g.phase.running') !== null")
                  .asBoolean()
              || browser.evaluate("document.querySelectorAll('#timeline g.phase').length").asInt()
                  >= 3,
          "phases drawn");
      assertTrue(
          browser
              .evaluate(
                  "document.querySelector('#timeline g.phase[data-phase=\"perform\"]') !== null")
              .asBoolean(),
          "perform in the timeline");
      browser.screenshot(ARTIFACTS.resolve("migration.png"));

      assertEquals(202, stack.call("DELETE", "/v1/tasks/" + id, null).status());
      stack.awaitEnd(id);
    }
  }

  private static String points() {
    return REMAINING + ".getAttribute('data-points')";
  }
}
