package io.peerlab.demo;

import org.apache.pekko.http.javadsl.server.PathMatcher0;
import org.apache.pekko.http.javadsl.server.PathMatchers;

/** Path matchers the routes share. */
final class PathSegments {
  private PathSegments() {}

  /** "a/b": two literal segments. */
  static PathMatcher0 segments(String first, String second) {
    return PathMatchers.segment(first).slash(second);
  }
}
