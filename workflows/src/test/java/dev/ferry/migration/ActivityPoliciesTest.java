package dev.ferry.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.failure.FailureType;
import io.temporal.activity.ActivityOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every activity policy, the rollbacks' and the handed-over cleanup's included. */
class ActivityPoliciesTest {

  /** Every public factory of {@link ActivityPolicies}, so a new policy is covered as it comes. */
  static Stream<Method> policies() {
    List<Method> found =
        Stream.of(ActivityPolicies.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .filter(m -> m.getReturnType() == ActivityOptions.class)
            .toList();
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
}
