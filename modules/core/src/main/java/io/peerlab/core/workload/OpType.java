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

  private final String label;

  OpType(String label) {
    this.label = label;
  }

  /** The lower-case name used in scenario files and results.json. */
  public String label() {
    return label;
  }
}
