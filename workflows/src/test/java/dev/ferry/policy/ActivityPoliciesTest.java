package dev.ferry.policy;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ferry.failure.FailureType;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every activity policy, the rollbacks' and the handed-over cleanup's included. */
class ActivityPoliciesTest {
  private static final Duration HEARTBEAT = ActivityPolicies.HEARTBEAT_TIMEOUT;

  /**
   * Reads outside a migration (the evacuation's fleet, the question workflows' inventory): they
   * change nothing and are retried a fixed number of times whatever the failure.
   */
  private static final Set<String> READS = Set.of("fleetRead", "inventoryRead");

  /** Every public factory of {@link ActivityPolicies}, so a new policy is covered as it comes. */
  static List<Method> factories() {
    return Stream.of(ActivityPolicies.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .filter(m -> m.getReturnType() == ActivityOptions.class)
        .toList();
  }

  /** Every policy of a migration's activities: all factories but the reads. */
  static Stream<Method> policies() {
    List<Method> found = factories().stream().filter(m -> !READS.contains(m.getName())).toList();
    assertTrue(found.size() >= 8, "policies found: " + found);
    return found.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void neverRetriesANonRetryableFailureNorARefusedLogin(Method policy) throws Exception {
    ActivityOptions options = (ActivityOptions) policy.invoke(null);
    Set<String> doNotRetry = Set.of(options.getRetryOptions().getDoNotRetry());

    assertTrue(doNotRetry.contains(FailureType.AUTH_FAILED.name()), policy.getName());
    assertEquals(Set.of(FailureType.nonRetryableNames()), doNotRetry, policy.getName());
  }

  @Test
  void theReadsLeftOutAboveArePoliciesHere() {
    Set<String> names = factories().stream().map(Method::getName).collect(Collectors.toSet());

    assertTrue(names.containsAll(READS), "reads " + READS + " among " + names);
  }

  /**
   * Name, start-to-close, schedule-to-close, heartbeat timeout, maximum attempts (0 for no limit)
   * and maximum retry interval of every policy; null where the policy leaves Temporal's default.
   */
  static Stream<Arguments> table() {
    return Stream.of(
        arguments("check", ofMinutes(2), ofMinutes(5), HEARTBEAT, 0, ofSeconds(30)),
        arguments("prepare", ofMinutes(5), ofMinutes(5), HEARTBEAT, 0, ofSeconds(30)),
        arguments("perform", ofHours(24), null, HEARTBEAT, 10, ofSeconds(30)),
        arguments("rollForward", ofMinutes(5), ofHours(12), HEARTBEAT, 0, ofMinutes(1)),
        arguments("rollback", ofMinutes(10), ofHours(12), HEARTBEAT, 0, ofMinutes(1)),
        arguments("rollbackPrepare", ofMinutes(2), ofMinutes(2), HEARTBEAT, 0, ofSeconds(30)),
        arguments("preparedCleanup", ofMinutes(10), ofDays(7), HEARTBEAT, 0, ofMinutes(10)),
        arguments("control", ofSeconds(30), ofMinutes(1), null, 3, ofSeconds(30)),
        arguments("fleetRead", ofMinutes(5), null, null, 5, null),
        arguments("inventoryRead", ofSeconds(60), null, null, 2, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void keepsItsTimeoutsAndAttempts(
      String name,
      Duration startToClose,
      Duration scheduleToClose,
      Duration heartbeat,
      int maximumAttempts,
      Duration maximumInterval)
      throws Exception {
    ActivityOptions options = (ActivityOptions) ActivityPolicies.class.getMethod(name).invoke(null);
    RetryOptions retries = options.getRetryOptions();

    assertEquals(startToClose, options.getStartToCloseTimeout(), "start-to-close");
    assertEquals(scheduleToClose, options.getScheduleToCloseTimeout(), "schedule-to-close");
    assertEquals(heartbeat, options.getHeartbeatTimeout(), "heartbeat");
    assertEquals(maximumAttempts, retries.getMaximumAttempts(), "maximum attempts");
    assertEquals(maximumInterval, retries.getMaximumInterval(), "maximum interval");
  }

  @Test
  void everyPolicyIsInTheTable() {
    Set<String> tabled =
        table().map(row -> (String) row.get()[0]).collect(Collectors.toUnmodifiableSet());
    Set<String> names = factories().stream().map(Method::getName).collect(Collectors.toSet());

    assertEquals(names, tabled);
  }

  @Test
  void theReadsRetryWhateverTheFailure() {
    for (ActivityOptions read :
        List.of(ActivityPolicies.fleetRead(), ActivityPolicies.inventoryRead())) {
      String[] doNotRetry = read.getRetryOptions().getDoNotRetry();

      assertTrue(doNotRetry == null || doNotRetry.length == 0, read.toString());
    }
  }

  @Test
  void prepareAndPerformWaitForTheirCancellationToComplete() {
    assertEquals(
        ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        ActivityPolicies.prepare().getCancellationType());
    assertEquals(
        ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        ActivityPolicies.perform().getCancellationType());
  }

  @Test
  void anEvacuationLetsAChildMigrationTransferAndRollForwardBeforeItGivesUpOnIt() {
    Duration transferThenForward =
        ActivityPolicies.perform()
            .getStartToCloseTimeout()
            .plus(ActivityPolicies.rollForward().getScheduleToCloseTimeout());

    assertEquals(ofDays(2), ActivityPolicies.MIGRATION_CHILD_TIMEOUT);
    assertTrue(
        ActivityPolicies.MIGRATION_CHILD_TIMEOUT.compareTo(transferThenForward) > 0,
        "the child timeout ends a migration whose transfer and roll-forward are within bounds");
  }
}
