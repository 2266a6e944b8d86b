package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's evacuation page in headless Chromium against a running API server with a
 * simulated evacuation in flight: the evacuation in the list, then its page with a bar per source
 * host and a row per guest, both moving on as guests arrive. Screenshots are kept under {@code
 * target/dashboard/}.
 */
class EvacuationDashboardBrowserTest {
  /**
   * Three guests leave sim-a one at a time at 128 MiB/s: each spends a few seconds in its transfer,
   * so the page sees guests waiting, migrating and migrated.
   */
  private static final String INVENTORY =
      """
      hosts:
        - {name: sim-a, uri: "sim://sim-a", sim: {memoryMiB: 131072}}
        - {name: sim-b, uri: "sim://sim-b", sim: {memoryMiB: 131072}}
      vms:
        - {name: e1, host: sim-a, memoryMiB: 1536, dirtyMiBps: 4}
        - {name: e2, host: sim-a, memoryMiB: 1024, dirtyMiBps: 4}
        - {name: e3, host: sim-a, memoryMiB: 768, dirtyMiBps: 4}
      sim: {speed: 2}
      """;

  private static final Path ARTIFACTS = Path.of("target", "dashboard");
  private static final String ID = "evacuation-drain";
  private static final String ROW = "document.querySelector('tr[data-id=\"" + ID + "\"]')";
  private static final String HOST =
      "document.querySelector('#sources g.source[data-host=\"sim-a\"]')";

  @TempDir Path dir;

  @Test
  void showsTheEvacuationInFlightPerHostAndPerGuestAsItMovesOn() throws Exception {
    Chromium.binary();
    try (ApiStack stack = new ApiStack(dir, INVENTORY);
        Chromium browser =
            Chromium.launch(
                dir.resolve("chromium-profile"), ARTIFACTS.resolve("chromium-evacuation.log"))) {
      ApiStack.Reply started =
          stack.call(
              "POST",
              "/v1/evacuations",
              "{\"id\": \"drain\", \"hosts\": [\"sim-a\"], \"maxParallel\": 1,"
                  + " \"bandwidthMiBps\": 128}");
      assertEquals(202, started.status(), started.raw().body());

      browser.navigate(stack.base() + "/");
      browser.await("!document.getElementById('login').hidden", Duration.ofSeconds(20));
      browser.evaluate(
          "document.getElementById('token').value = '"
              + ApiStack.TOKEN
              + "'; document.getElementById('login-submit').click(); true");
      browser.await(ROW + " && " + ROW + ".innerText.includes('running')", Duration.ofSeconds(20));
      String row = browser.evaluate(ROW + ".innerText").asText();
      assertTrue(row.contains("drain") && row.contains("sim-a"), row);
      browser.screenshot(ARTIFACTS.resolve("evacuation-list.png"));

      browser.evaluate(ROW + ".querySelector('a').click(); true");
      browser.await(
          "document.querySelectorAll('#vms tbody tr').length === 3 && " + HOST,
          Duration.ofSeconds(20));
      assertEquals(3, browser.evaluate(HOST + ".getAttribute('data-vms')").asInt());
      String title = browser.evaluate("document.getElementById('title').innerText").asText();
      assertTrue(title.contains("drain") && title.contains("sim-a"), title);

      // A guest in its transfer shows its migration's phase; the host's bar moves on after it.
      browser.await(
          "[...document.querySelectorAll('#vms tr.migrating td.phase')]"
              + ".some(td => td.innerText.includes('perform'))",
          Duration.ofSeconds(30));
      int migratedBefore = migrated(browser);
      String vmsBefore =
          browser.evaluate("document.querySelector('#vms tbody').innerText").asText();
      assertTrue(migratedBefore < 3, "still in flight: " + migratedBefore);
      browser.screenshot(ARTIFACTS.resolve("evacuation.png"));
      browser.await(
          HOST + ".getAttribute('data-migrated') > " + migratedBefore, Duration.ofSeconds(60));
      String vmsAfter = browser.evaluate("document.querySelector('#vms tbody').innerText").asText();
      assertTrue(!vmsAfter.equals(vmsBefore), "the guests' rows moved on: " + vmsAfter);

      browser.await(HOST + ".getAttribute('data-migrated') === '3'", Duration.ofSeconds(90));
      browser.await(
          "document.querySelectorAll('#vms tbody tr.migrated').length === 3",
          Duration.ofSeconds(10));
      String rows = browser.evaluate("document.querySelector('#vms tbody').innerText").asText();
      for (String vm : new String[] {"e1", "e2", "e3"}) {
        assertTrue(rows.contains(vm), rows);
      }
      assertTrue(rows.toLowerCase(Locale.ROOT).contains("sim-a → sim-b"), rows);
      assertEquals(
          1,
          browser.evaluate("document.querySelectorAll('#sources rect.migrated').length").asInt());
      assertEquals(
          0,
          browser
              .evaluate("document.querySelectorAll('#sources rect:not(.migrated)').length")
              .asInt(),
          "the whole bar is migrated");
      browser.screenshot(ARTIFACTS.resolve("evacuation-done.png"));
      assertEquals(
          "finished", stack.awaitEvacuationEnd(ID).body().get("status").asText(), "the API agrees");
    }
  }

  private static int migrated(Chromium browser) throws Exception {
    return Integer.parseInt(browser.evaluate(HOST + ".getAttribute('data-migrated')").asText());
  }
}
