package dev.ferry.convergence;

import static dev.ferry.convergence.ConvergenceAction.ABORT;
import static dev.ferry.convergence.ConvergenceAction.AUTO_CONVERGE;
import static dev.ferry.convergence.ConvergenceAction.SUSPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policies that cannot guarantee an end are refused; presets are found by name. */
class ConvergencePolicyTest {

  private static ConvergencePolicy policy(List<ConvergenceStep> schedule) {
    return new ConvergencePolicy("p", 300, schedule, false, 60, 60, 60);
  }

  static Stream<Arguments> badPolicies() {
    return Stream.of(
        Arguments.of("empty schedule", List.of(), "must end with"),
        Arguments.of(
            "does not end", List.of(ConvergenceStep.afterPasses(3, AUTO_CONVERGE)), "must end"),
        Arguments.of(
            "abort before the end",
            List.of(ConvergenceStep.afterPasses(3, ABORT), ConvergenceStep.afterPasses(3, SUSPEND)),
            "ABORT can only be the last step"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPolicies")
  void refusesScheduleThatMightNeverEnd(String why, List<ConvergenceStep> schedule, String says) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> policy(schedule));
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  @Test
  void refusesStepWithoutTriggerOrWithDowntimeOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new ConvergenceStep(0, 0, ABORT, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConvergenceStep.raiseMaxDowntime(3, 0));
    assertTrue(e.getMessage().contains("max downtime out of range: 0"), e.getMessage());
  }

  @Test
  void completionTimeoutGrowsWithData() {
    ConvergencePolicy p = policy(List.of(ConvergenceStep.afterPasses(3, ABORT)));
    assertEquals(60_000, p.completionTimeoutMillis(0));
    assertEquals(120_000, p.completionTimeoutMillis(1L << 30));
    assertEquals(660_000, p.completionTimeoutMillis(10L << 30));
  }

  @Test
  void unknownPresetIsRefusedNamingThePresets() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConvergencePresets.named("fast"));
    assertEquals(
        "unknown convergence policy 'fast': use one of default, minimal-downtime,"
            + " allow-postcopy, suspend-if-needed",
        e.getMessage());
  }

  @Test
  void everyPresetIsFoundByItsOwnName() {
    for (String name : ConvergencePresets.names()) {
      assertEquals(name, ConvergencePresets.named(name).name());
    }
    assertEquals("default", ConvergencePresets.defaults().name());
    assertTrue(ConvergencePresets.named("allow-postcopy").allowPostcopy());
  }
}
