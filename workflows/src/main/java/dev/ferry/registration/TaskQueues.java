package dev.ferry.registration;

/**
 * The task queue every ferry workflow and activity runs on: workers poll it, clients start
 * workflows on it, so both sides take the name from here.
 */
public final class TaskQueues {
  public static final String FERRY = "ferry";

  private TaskQueues() {}
}
