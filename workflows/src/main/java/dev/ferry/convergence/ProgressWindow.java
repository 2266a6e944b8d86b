package dev.ferry.convergence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of remaining data in one window of job time, for the no-progress timeout. The
 * remaining data of a pre-copy job is a saw tooth (it falls during a pass and jumps at the next),
 * so a window is judged by its median, never by one sample.
 *
 * @param startMillis job time at which the window opened
 * @param startIteration the pass the job was in when it opened
 * @param startProcessedBytes bytes sent when it opened
 * @param remainingBytes the samples so far, thinned to at most {@link #MAX_SAMPLES}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressWindow(
    long startMillis, long startIteration, long startProcessedBytes, List<Long> remainingBytes) {

  /** Enough for a stable median; bounded so heartbeat details stay small. */
  static final int MAX_SAMPLES = 32;

  /** Fewer samples than this make no median worth judging. */
  static final int MIN_SAMPLES = 3;

  public ProgressWindow {
    remainingBytes = remainingBytes == null ? List.of() : List.copyOf(remainingBytes);
  }

  static ProgressWindow openAt(JobStats sample) {
    return new ProgressWindow(
        sample.elapsedMillis(), sample.iteration(), sample.dataProcessedBytes(), List.of());
  }

  /** This window with one more sample; every other sample is dropped when it is full. */
  ProgressWindow with(JobStats sample) {
    List<Long> samples = new ArrayList<>(remainingBytes);
    if (samples.size() >= MAX_SAMPLES) {
      List<Long> thinned = new ArrayList<>();
      for (int i = 0; i < samples.size(); i += 2) {
        thinned.add(samples.get(i));
      }
      samples = thinned;
    }
    samples.add(sample.dataRemainingBytes());
    return new ProgressWindow(startMillis, startIteration, startProcessedBytes, samples);
  }

  /** Whether the window spans its length and holds enough samples to be judged. */
  boolean complete(JobStats sample, long windowMillis) {
    return sample.elapsedMillis() - startMillis >= windowMillis
        && remainingBytes.size() >= MIN_SAMPLES;
  }

  /**
   * Whether the job stayed inside one pass and kept sending: a long pass moves new data even though
   * the remaining data of the job as a whole cannot shrink until the pass ends.
   */
  boolean sendingWithinOnePass(JobStats sample) {
    return sample.iteration() == startIteration
        && sample.dataProcessedBytes() > startProcessedBytes;
  }

  long median() {
    List<Long> sorted = new ArrayList<>(remainingBytes);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
