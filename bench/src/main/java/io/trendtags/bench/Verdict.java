package io.trendtags.bench;

/** The word each bench prints beside a target, one spelling for all of them. */
final class Verdict {

  private Verdict() {}

  static String of(boolean met) {
    return met ? "met" : "NOT met";
  }
}
