package io.peerlab.core.workload;

/** The operations a client peer issues, plus OTHER for traffic that serves no operation. */
public enum OpType {
  /** Who is responsible for this id (structured overlays; the index or server elsewhere). */
  LOOKUP("lookup"),
  /** Which objects match these keywords. */
  SEARCH("search"),
  /** Locate an object's holders and download its chunks, each verified by SHA-256. */
  FETCH("fetch"),
  /** Maintenance and publishing: joins, stabilisation, index uploads. */
  OTHER("other");

  /** The operations a script can hold (all but OTHER). */
  public static final OpType[] OPS = {LOOKUP, SEARCH, FETCH};

  /** {@code values()} once: {@link #of} runs for every message a peer counts. */
  private static final OpType[] VALUES = values();

  /** The type with this ordinal, without the copy {@code values()} makes on every call. */
  public static OpType of(int ordinal) {
    return VALUES[ordinal];
  }

  private final String label;

  OpType(String label) {
    this.label = label;
  }

  /** The lower-case name used in scenario files and results.json. */
  public String label() {
    return label;
  }
}
