package uk.ccmt.bench;

import java.util.ArrayList;
import java.util.List;

/** Timings of one side of a pair, in milliseconds, and their median. */
final class Samples {

  private final List<Double> values = new ArrayList<>();

  void add(double millis) {
    values.add(millis);
  }

  int count() {
    return values.size();
  }

  double median() {
    return median(values);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * A and B alternately: warm-ups first (not recorded), then samples pairs, each recorded. Each
   * side measures itself (so set-up stays out of the time) and returns milliseconds. Returns the
   * per-pair ratios A/B.
   */
  static List<Double> interleave(
      int warmups, int samples, Samples a, Measured runA, Samples b, Measured runB)
      throws Exception {
    for (int i = 0; i < warmups; i++) {
      runA.run();
      runB.run();
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      double ta = runA.run();
      double tb = runB.run();
      a.add(ta);
      b.add(tb);
      ratios.add(ta / tb);
    }
    return ratios;
  }

  @FunctionalInterface
  interface Measured {
    /** Does one run and returns how long its measured part took, in milliseconds. */
    double run() throws Exception;
  }
}
