package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's files: served without a token, with a strict policy, and nothing else. */
class DashboardFilesTest {
  @TempDir static Path dir;
  private static ApiStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new ApiStack(dir);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void servesEveryListedFileWithoutATokenUnderAStrictPolicy() throws Exception {
    for (String name : Dashboard.FILES.keySet()) {
      ApiStack.Reply reply = stack.call("GET", "/ui/" + name, null, null);
      assertEquals(200, reply.status(), name);
      assertEquals(
          Dashboard.CONTENT_SECURITY_POLICY,
          reply.raw().headers().firstValue("Content-Security-Policy").orElse(""),
          name);
      assertEquals(
          Dashboard.FILES.get(name), reply.raw().headers().firstValue("Content-Type").orElse(""));
      assertTrue(!reply.raw().body().isEmpty(), name);
    }
  }

  @Test
  void leadsTheBareServerToTheDashboard() throws Exception {
    for (String path : new String[] {"/", "/ui"}) {
      ApiStack.Reply reply = stack.call("GET", path, null, null);
      assertEquals(302, reply.status(), path);
      assertEquals("/ui/", reply.raw().headers().firstValue("Location").orElse(""), path);
    }
    assertEquals(200, stack.call("GET", "/ui/", null, null).status());
  }

  @Test
  void servesNoOtherFile() throws Exception {
    for (String path :
        new String[] {
          "/ui/openapi.json", "/ui/..%2Fopenapi.json", "/ui/dashboard/app.js", "/ui/logback.xml"
        }) {
      assertEquals(404, stack.call("GET", path, null, null).status(), path);
    }
    assertEquals(405, stack.call("POST", "/ui/app.js", "x", null).status());
  }

  @Test
  void keepsTheApiBehindTheToken() throws Exception {
    assertEquals(401, stack.call("GET", "/v1/migrations", null, null).status());
  }
}
