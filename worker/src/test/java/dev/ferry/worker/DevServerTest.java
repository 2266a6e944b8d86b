package dev.ferry.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.migration.MigrationInspection;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.options.MigrationOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The dev server accepts migrations that carry ferry's search attributes, as ferry starts them. */
class DevServerTest {

  @Test
  void acceptsWorkflowStartedWithFerrySearchAttributes() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    MigrationRequest request =
        new MigrationRequest("web", "host-a", "host-b", MigrationOptions.defaults(), "batch-7");
    try (DevServer server = DevServer.start(port)) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        // No worker: the start alone shows whether the server knows the attributes.
        WorkflowStub stub =
            client.newUntypedWorkflowStub(
                "Migration",
                WorkflowOptions.newBuilder()
                    .setWorkflowId(request.workflowId())
                    .setTaskQueue("nobody-polls")
                    .setTypedSearchAttributes(MigrationInspection.atStart(request))
                    .build());
        stub.start(request);

        SearchAttributes attributes = stub.describe().getTypedSearchAttributes();
        assertEquals("web", attributes.get(MigrationInspection.VM));
        assertEquals("host-a", attributes.get(MigrationInspection.SOURCE));
        assertEquals("batch-7", attributes.get(MigrationInspection.BATCH_ID));
        assertEquals("CHECK", attributes.get(MigrationInspection.PHASE));
      } finally {
        service.shutdownNow();
      }
    }
  }
}
