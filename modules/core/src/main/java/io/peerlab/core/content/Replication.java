package io.peerlab.core.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the initial copies of objects are spread over objects (scenario key {@code
 * peerlab.objects.replication}). Every policy places {@code count * replicas} copies in total; they
 * differ in how many each object gets, relative to its query popularity q_i (Cohen and Shenker,
 * "Replication strategies in unstructured peer-to-peer networks", SIGCOMM 2002, §3):
 *
 * <ul>
 *   <li>{@link #UNIFORM}: every object gets {@code replicas} copies (r_i constant).
 *   <li>{@link #PROPORTIONAL}: r_i proportional to q_i.
 *   <li>{@link #SQUARE_ROOT}: r_i proportional to the square root of q_i, which minimises the
 *       expected number of probes of a random search; uniform and proportional give the same,
 *       larger, expected number.
 * </ul>
 *
 * With proportional and square-root every object still gets at least one copy and at most one per
 * candidate peer (see {@link io.peerlab.core.content.Placement}).
 */
public enum Replication {
  UNIFORM("uniform"),
  PROPORTIONAL("proportional"),
  SQUARE_ROOT("square-root");

  private final String label;

  Replication(String label) {
    this.label = label;
  }

  /** The name used in scenario files. */
  public String label() {
    return label;
  }

  /** The weight of an object with query probability {@code q} under this policy. */
  public double weight(double q) {
    return switch (this) {
      case UNIFORM -> 1.0;
      case PROPORTIONAL -> q;
      case SQUARE_ROOT -> Math.sqrt(q);
    };
  }

  public static List<String> labels() {
    List<String> out = new ArrayList<>();
    for (Replication r : values()) {
      out.add(r.label);
    }
    return out;
  }

  public static Optional<Replication> fromLabel(String label) {
    for (Replication r : values()) {
      if (r.label.equals(label)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
