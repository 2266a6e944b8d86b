package dev.ferry.worker;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;

/**
 * Keeps every workflow task on the shared task queue of the dev server. A worker asks, with each
 * completed workflow task, to get that workflow's next tasks on a queue of its own ("sticky"); a
 * real Temporal server moves them back to the shared queue when that worker stops polling for a few
 * seconds, but the test server never does: the migrations of a killed worker would wait forever for
 * it. Without the request, any worker takes them over (replaying the history it is sent).
 */
final class NoStickyQueues implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onMessage(Q message) {
        super.onMessage(withoutStickiness(message));
      }
    };
  }

  @SuppressWarnings("unchecked") // The request keeps its type; only one field is cleared.
  private static <Q> Q withoutStickiness(Q message) {
    if (message instanceof RespondWorkflowTaskCompletedRequest completed
        && completed.hasStickyAttributes()) {
      return (Q) completed.toBuilder().clearStickyAttributes().build();
    }
    return message;
  }
}
