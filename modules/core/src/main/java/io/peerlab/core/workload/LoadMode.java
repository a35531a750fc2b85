package io.peerlab.core.workload;

/** How clients pace their operations. */
public enum LoadMode {
  /** Each client runs one op at a time; the next starts after the previous ends plus think time. */
  CLOSED("closed"),
  /**
   * Ops arrive as a Poisson process at a fixed rate regardless of completions; latency counts from
   * the intended start, so stalls are not hidden (no coordinated omission).
   */
  OPEN("open"),
  /** Every client fetches the same object once, all starting together. */
  FLASH_CROWD("flash-crowd");

  private final String label;

  LoadMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
