package io.peerlab.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The floor a benchmark is compared with: {@link BenchSummary} prints each figure's ratio to the
 * figures of these benchmarks (same mode; secondary metrics such as {@code bytes} or {@code
 * events} to the baseline's metric of the same name). Each entry names a benchmark method of this
 * package as {@code Class.method}; the first is the main comparison.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Baseline {
  String[] value();

  /**
   * Parameter values ("name=value") a run must have to be compared, e.g. {@code "network=off"}:
   * with the network model on, the floor is the modelled round trip, not Pekko's.
   */
  String[] onlyWith() default {};
}
