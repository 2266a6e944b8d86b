package dev.ferry.convergence;

import static dev.ferry.convergence.ConvergenceAction.ABORT;
import static dev.ferry.convergence.ConvergenceAction.AUTO_CONVERGE;
import static dev.ferry.convergence.ConvergenceAction.POSTCOPY;
import static dev.ferry.convergence.ConvergenceAction.RAISE_MAX_DOWNTIME;
import static dev.ferry.convergence.ConvergenceAction.SUSPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The convergence schedule and timeouts, as tables of job samples. */
class ConvergenceEvaluatorTest {
  private static final long MIB = 1024L * 1024L;
  private static final long GIB = 1024 * MIB;
  private static final long NOW = 1_700_000_000_000L;

  /** A step as the tables expect it: in which pass, what, with which max downtime after it. */
  record Expected(long pass, ConvergenceAction action, long maxDowntimeMs) {}

  private static Expected at(long pass, ConvergenceAction action, long maxDowntimeMs) {
    return new Expected(pass, action, maxDowntimeMs);
  }

  private static JobStats sample(long elapsedMillis, long iteration, long remainingBytes) {
    long processed = elapsedMillis / 1000 * 32 * MIB;
    return new JobStats(
        elapsedMillis, GIB, processed, remainingBytes, 64 * MIB, 32 * MIB, iteration, 0, false);
  }

  /** One sample per one-second pass, the dirty set never shrinking: pre-copy that never ends. */
  private static List<JobStats> stalledPasses(int passes) {
    List<JobStats> samples = new ArrayList<>();
    for (int pass = 1; pass <= passes; pass++) {
      samples.add(sample(pass * 1000L, pass, 512 * MIB));
    }
    return samples;
  }

  /** Runs the samples through the evaluator; returns the final state. */
  private static ConvergenceState run(
      ConvergenceEvaluator evaluator, ConvergenceState state, List<JobStats> samples) {
    for (JobStats sample : samples) {
      state = evaluator.decide(state, sample, NOW + sample.elapsedMillis()).state();
    }
    return state;
  }

  private static List<Expected> taken(ConvergenceState state, List<JobStats> samples) {
    return state.steps().stream()
        .map(
            s ->
                at(
                    samples.stream()
                        .filter(x -> x.elapsedMillis() == s.elapsedMillis())
                        .findFirst()
                        .orElseThrow()
                        .iteration(),
                    s.action(),
                    s.maxDowntimeMs()))
        .toList();
  }

  @Test
  void convergingGuestTakesNoStep() {
    ConvergenceEvaluator evaluator = new ConvergenceEvaluator(ConvergencePresets.defaults(), false);
    List<JobStats> samples =
        List.of(
            sample(500, 1, 800 * MIB),
            sample(1_000, 1, 400 * MIB),
            sample(1_500, 2, 100 * MIB),
            sample(2_000, 3, 10 * MIB));

    ConvergenceState state = run(evaluator, ConvergenceState.initial(300), samples);

    assertEquals(List.of(), state.steps());
    assertEquals(300, state.maxDowntimeMs());
  }

  static Stream<Arguments> escalations() {
    return Stream.of(
        Arguments.of(
            "default",
            false,
            List.of(
                at(4, RAISE_MAX_DOWNTIME, 500),
                at(7, RAISE_MAX_DOWNTIME, 1000),
                at(10, AUTO_CONVERGE, 1000),
                // Post-copy is not allowed: passed over, and the abort counts from pass 10.
                at(13, ABORT, 1000))),
        Arguments.of(
            "default",
            true,
            List.of(
                at(4, RAISE_MAX_DOWNTIME, 500),
                at(7, RAISE_MAX_DOWNTIME, 1000),
                at(10, AUTO_CONVERGE, 1000),
                at(13, POSTCOPY, 1000))),
        Arguments.of(
            "minimal-downtime", false, List.of(at(6, RAISE_MAX_DOWNTIME, 200), at(11, ABORT, 200))),
        Arguments.of(
            "allow-postcopy", true, List.of(at(3, RAISE_MAX_DOWNTIME, 500), at(5, POSTCOPY, 500))),
        Arguments.of(
            "allow-postcopy",
            false,
            // Started without the post-copy flag after all: the final step cannot switch.
            List.of(at(3, RAISE_MAX_DOWNTIME, 500), at(5, ABORT, 500))),
        Arguments.of(
            "suspend-if-needed",
            false,
            List.of(
                at(4, RAISE_MAX_DOWNTIME, 1000),
                at(7, AUTO_CONVERGE, 1000),
                at(10, SUSPEND, 1000))));
  }

  @ParameterizedTest(name = "{0}, post-copy allowed: {1}")
  @MethodSource("escalations")
  void stalledGuestEscalatesStepByStepUntilTheFinalStep(
      String preset, boolean postcopyAllowed, List<Expected> expected) {
    ConvergencePolicy policy = ConvergencePresets.named(preset);
    ConvergenceEvaluator evaluator = new ConvergenceEvaluator(policy, postcopyAllowed);
    List<JobStats> samples = stalledPasses(20);

    ConvergenceState state =
        run(evaluator, ConvergenceState.initial(policy.initialMaxDowntimeMs()), samples);

    assertEquals(expected, taken(state, samples));
    assertTrue(state.finished());
    assertTrue(state.steps().get(0).trigger().contains("passes without converging"));
  }

  @Test
  void operatorsLongerDowntimeIsNeverLoweredBySchedule() {
    ConvergenceEvaluator evaluator = new ConvergenceEvaluator(ConvergencePresets.defaults(), false);
    List<JobStats> samples = stalledPasses(20);

    ConvergenceState state = run(evaluator, ConvergenceState.initial(800), samples);

    // 500 ms is below what the operator asked for: skipped; 1000 ms is taken at once.
    assertEquals(
        List.of(at(4, RAISE_MAX_DOWNTIME, 1000), at(7, AUTO_CONVERGE, 1000), at(10, ABORT, 1000)),
        taken(state, samples));
  }

  /** A policy whose schedule never fires in these tests: only the timeouts can end it. */
  private static ConvergencePolicy onlyTimeouts(ConvergenceAction last, long windowSeconds) {
    return new ConvergencePolicy(
        "test",
        300,
        List.of(ConvergenceStep.afterPasses(1_000, last)),
        false,
        60,
        120,
        windowSeconds);
  }

  static Stream<Arguments> timeouts() {
    return Stream.of(
        Arguments.of(ABORT, false, ABORT),
        Arguments.of(SUSPEND, false, SUSPEND),
        Arguments.of(POSTCOPY, true, POSTCOPY),
        Arguments.of(POSTCOPY, false, ABORT));
  }

  @ParameterizedTest(name = "final {0}, post-copy allowed: {1}")
  @MethodSource("timeouts")
  void neverConvergingGuestEndsAtCompletionTimeoutScaledBySize(
      ConvergenceAction last, boolean postcopyAllowed, ConvergenceAction expected) {
    ConvergenceEvaluator evaluator =
        new ConvergenceEvaluator(onlyTimeouts(last, 10_000), postcopyAllowed);
    // 60 s base + 120 s per GiB for 1 GiB: 180 s. One sample every 10 s, in one long pass.
    List<JobStats> samples = new ArrayList<>();
    for (long t = 10_000; t <= 300_000; t += 10_000) {
      samples.add(sample(t, 2, 512 * MIB));
    }

    ConvergenceState state = run(evaluator, ConvergenceState.initial(300), samples);

    assertEquals(1, state.steps().size(), state.steps().toString());
    StepTaken step = state.steps().get(0);
    assertEquals(expected, step.action());
    assertEquals(180_000, step.elapsedMillis());
    assertTrue(step.trigger().startsWith("completion timeout of 180 s"), step.trigger());
  }

  /**
   * Short passes sampled every 5 s at scattered points of the saw tooth (the same ten points every
   * 50 s); the dirty set shrinks by the given share per sample.
   */
  private static List<JobStats> sawTooth(int samples, double shrinkPerSample, int spikeAt) {
    List<JobStats> list = new ArrayList<>();
    double dirtySet = 512 * MIB;
    for (int i = 1; i <= samples; i++) {
      double phase = (i * 7 % 10) / 10.0;
      long remaining = (long) (dirtySet * (1 - phase));
      if (i == spikeAt) {
        remaining = 10 * GIB;
      }
      list.add(sample(i * 5_000L, 2 + i * 3L, remaining));
      dirtySet *= 1 - shrinkPerSample;
    }
    return list;
  }

  @Test
  void flatRemainingDataEndsMigrationAfterTwoWindowsWithoutProgress() {
    ConvergenceEvaluator evaluator = new ConvergenceEvaluator(onlyTimeouts(ABORT, 50), false);
    // The completion timeout (60 s + 120 s per GiB = 180 s) must not come first: 2 GiB here.
    List<JobStats> samples =
        sawTooth(60, 0, -1).stream()
            .map(
                s ->
                    new JobStats(
                        s.elapsedMillis(),
                        2 * GIB,
                        s.dataProcessedBytes(),
                        s.dataRemainingBytes(),
                        s.dirtyRateBytesPerSec(),
                        s.transferRateBytesPerSec(),
                        s.iteration(),
                        0,
                        false))
            .toList();

    ConvergenceState state = run(evaluator, ConvergenceState.initial(300), samples);

    assertEquals(1, state.steps().size(), state.steps().toString());
    StepTaken step = state.steps().get(0);
    assertEquals(ABORT, step.action());
    assertTrue(step.trigger().startsWith("no progress"), step.trigger());
    // 5..55 s sets the reference; 55..105 s and 105..155 s do not shrink.
    assertEquals(155_000, step.elapsedMillis());
  }

  @Test
  void singleNoisySampleDoesNotEndShrinkingMigration() {
    ConvergenceEvaluator evaluator = new ConvergenceEvaluator(onlyTimeouts(ABORT, 50), false);
    // Shrinking 1% per sample (about 10% per window), with one absurd sample mid-way.
    List<JobStats> samples = sawTooth(34, 0.01, 20);

    ConvergenceState state = run(evaluator, ConvergenceState.initial(300), samples);

    assertEquals(List.of(), state.steps());
    assertEquals(0, state.windowsWithoutProgress());
  }

  @Test
  void longFirstPassThatKeepsSendingIsProgress() {
    ConvergenceEvaluator evaluator = new ConvergenceEvaluator(onlyTimeouts(ABORT, 60), false);
    List<JobStats> samples = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      // Still in pass 1 and in a 1 GiB remaining that shrinks far less than 5% per window.
      samples.add(sample(i * 5_000L, 1, GIB - i * MIB));
    }

    ConvergenceState state = run(evaluator, ConvergenceState.initial(300), samples);

    assertEquals(List.of(), state.steps());
  }

  @Test
  void resumedStateContinuesScheduleWithoutRepeatingSteps() {
    ConvergencePolicy policy = ConvergencePresets.defaults();
    List<JobStats> samples = stalledPasses(20);
    ConvergenceState uninterrupted =
        run(new ConvergenceEvaluator(policy, true), ConvergenceState.initial(300), samples);

    // The first attempt dies after pass 8; its state survives only as heartbeat details.
    ConvergenceState beforeCrash =
        run(
            new ConvergenceEvaluator(policy, true),
            ConvergenceState.initial(300),
            samples.subList(0, 8));
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    ConvergenceState restored =
        converter.fromPayload(
            converter.toPayload(beforeCrash).orElseThrow(),
            ConvergenceState.class,
            ConvergenceState.class);
    assertEquals(beforeCrash, restored);
    assertEquals(2, restored.steps().size());

    ConvergenceState resumed =
        run(new ConvergenceEvaluator(policy, true), restored, samples.subList(8, 20));

    assertEquals(uninterrupted.steps(), resumed.steps());
    assertEquals(
        List.of(RAISE_MAX_DOWNTIME, RAISE_MAX_DOWNTIME, AUTO_CONVERGE, POSTCOPY),
        resumed.steps().stream().map(StepTaken::action).toList());
  }

  @Test
  void nothingHappensOnceTheFinalStepWasTaken() {
    ConvergenceEvaluator evaluator = new ConvergenceEvaluator(ConvergencePresets.defaults(), false);
    ConvergenceState ended = run(evaluator, ConvergenceState.initial(300), stalledPasses(13));
    assertTrue(ended.finished());

    ConvergenceEvaluator.Decision later =
        evaluator.decide(ended, sample(3_600_000, 500, 512 * MIB), NOW);

    assertEquals(List.of(), later.taken());
    assertEquals(ended, later.state());
  }
}
