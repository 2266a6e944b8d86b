package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real guest migrated off and back onto a lab host whose libvirtd requires a SASL password
 * (DIGEST-MD5), which the worker reads from the file the inventory names. Then every workflow
 * history on the dev server (payloads decoded), the worker's and dev server's logs, and every CLI
 * command's output are searched for the password: it appears nowhere.
 */
class LabSecretScanIT {
  private static final String PREFIX = "it-s-";
  private static final String SASL_HOST = "lab-4";
  private static final Pattern PAYLOAD_DATA =
      Pattern.compile("\"data\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");

  @Test
  void saslPasswordAppearsInNoHistoryLogOrOutput() throws Exception {
    Assumptions.assumeFalse(
        "1".equals(System.getenv("FERRY_SKIP_LAB")),
        "FERRY_SKIP_LAB=1: real-host tests skipped on request");
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new AssertionError("lab tests need root: run bin/test as root, or FERRY_SKIP_LAB=1");
    }
    // The worker must log in through ferry's own credential path, not libvirt's auth.conf.
    assertEquals(null, System.getenv("LIBVIRT_AUTH_FILE"), "unset LIBVIRT_AUTH_FILE for this test");
    assertFalse(Files.exists(Path.of("/root/.config/libvirt/auth.conf")), "libvirt auth.conf");
    Lab.upWithSasl(4, 4);
    String secret = Files.readString(Lab.passwordFile(SASL_HOST), StandardCharsets.UTF_8).strip();
    assertTrue(secret.length() >= 16, "a real password was made");
    assertNotEquals(
        0, anonymousVirsh().exitCode(), SASL_HOST + " refuses a client without the password");

    String vm = PREFIX + "sasl";
    List<String> outputs = new ArrayList<>();
    Lab.clean(PREFIX, "lab-1", SASL_HOST);
    FerryStack stack = FerryStack.start("secret", Lab.INVENTORY, "FERRY_LOG_LEVEL", "DEBUG");
    try {
      Lab.guest(vm, SASL_HOST, "--memory", "192", "--dirty", "8");
      outputs.add(checked(stack.run("hosts", "--json")));
      JsonNode off = migrate(stack, vm, "lab-1", outputs);
      assertEquals("running", Lab.state("lab-1", vm));
      assertEquals("absent", Lab.state(SASL_HOST, vm));
      // Back onto the SASL host: now it is the destination, reached by ferry and, peer to peer,
      // by lab-1's daemon (which logs in with its own auth.conf, as lab/up configured it).
      migrate(stack, vm, SASL_HOST, outputs);
      assertEquals("running", Lab.state(SASL_HOST, vm));
      String id = off.get("workflowId").asText();
      outputs.add(checked(stack.run("status", id, "--json")));
      outputs.add(checked(stack.run("status", id)));
      outputs.add(checked(stack.run("list", "--json")));
      outputs.add(stack.run("doctor", vm, "--json").stdout());

      List<String> histories = histories(stack);
      assertTrue(
          histories.size() >= 3, "two migrations and the hosts listing: " + histories.size());
      assertTrue(histories.stream().anyMatch(h -> h.contains(SASL_HOST)), "histories were decoded");
      for (String history : histories) {
        assertFalse(history.contains(secret), "the password is in a workflow history");
      }
    } finally {
      stack.close();
      Lab.clean(PREFIX, "lab-1", SASL_HOST);
    }
    for (String output : outputs) {
      assertFalse(output.contains(secret), "the password is in CLI output");
    }
    try (Stream<Path> logs = Files.list(FerryProcess.LOGS)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("secret-")).toList()) {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(log.toString().endsWith("dev-server.log") || text.contains(vm), log + " empty?");
        assertFalse(text.contains(secret), "the password is in " + log);
      }
    }
  }

  private static JsonNode migrate(FerryStack stack, String vm, String to, List<String> outputs)
      throws Exception {
    FerryProcess.Result result = stack.run("migrate", vm, "--to", to, "--json");
    outputs.add(result.stdout() + result.stderr());
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    JsonNode outcome = FerryStack.JSON.readTree(result.stdout());
    assertEquals("MIGRATED", outcome.get("outcome").asText(), outcome.toString());
    return outcome;
  }

  private static String checked(FerryProcess.Result result) {
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    return result.stdout() + result.stderr();
  }

  private static Lab.Run anonymousVirsh() throws Exception {
    Process process =
        new ProcessBuilder("virsh", "-q", "-c", Lab.uri(SASL_HOST), "version")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Lab.Run(process.waitFor(), out);
  }

  /** Every workflow's complete history, as JSON with each payload's data decoded beside it. */
  private static List<String> histories(FerryStack stack) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(stack.env.get("TEMPORAL_ADDRESS"))
                .build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(service);
      List<WorkflowExecutionInfo> all = new ArrayList<>();
      var stub = service.blockingStub();
      all.addAll(
          stub.listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace("default")
                      .setMaximumPageSize(1000)
                      .build())
              .getExecutionsList());
      all.addAll(
          stub.listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace("default")
                      .setMaximumPageSize(1000)
                      .build())
              .getExecutionsList());
      List<String> histories = new ArrayList<>();
      for (WorkflowExecutionInfo info : all) {
        String json =
            client
                .fetchHistory(info.getExecution().getWorkflowId(), info.getExecution().getRunId())
                .toJson(true);
        StringBuilder decoded = new StringBuilder(json);
        Matcher data = PAYLOAD_DATA.matcher(json);
        while (data.find()) {
          decoded
              .append('\n')
              .append(
                  new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
        }
        histories.add(decoded.toString());
      }
      return histories;
    } finally {
      service.shutdownNow();
    }
  }
}
