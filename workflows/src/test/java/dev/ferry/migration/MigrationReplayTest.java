package dev.ferry.migration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded migration histories against the current workflow code: a change that would make
 * running migrations non-deterministic fails here. The histories are recorded by {@code
 * HistoryRecorderTest} in the workflow-tests module.
 */
class MigrationReplayTest {

  static List<Path> histories() throws IOException, URISyntaxException {
    return jsonFiles("/histories");
  }

  /**
   * Histories of handed-over cleanups ({@link PreparedCleanupWorkflowImpl}): one from before its
   * activity had a summary, one after.
   */
  static List<Path> cleanupHistories() throws IOException, URISyntaxException {
    return jsonFiles("/cleanup-histories");
  }

  private static List<Path> jsonFiles(String resource) throws IOException, URISyntaxException {
    URL folder = MigrationReplayTest.class.getResource(resource);
    assertNotNull(folder, "no " + resource + " folder on the test classpath");
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void hasHistoriesOfMigrationRollbackAndCancellation() throws Exception {
    List<Path> files = histories();
    assertTrue(files.size() >= 3, "expected at least 3 recorded histories, found " + files);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysRecordedHistory(Path file) throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    WorkflowReplayer.replayWorkflowExecution(history, MigrationWorkflowImpl.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanupHistories")
  void replaysRecordedCleanupHistory(Path file) throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    WorkflowReplayer.replayWorkflowExecution(history, PreparedCleanupWorkflowImpl.class);
  }
}
