package io.peerlab.core.api;

/** What a peer does; the same peer code runs in every role, configured. */
public enum Role {
  /** Stores objects, answers lookups and searches, uploads chunks; issues no operations. */
  SERVER,
  /** Issues operations; stores and serves nothing. */
  CLIENT,
  /** Both: the usual peer of a peer-to-peer system. */
  BOTH;

  public boolean serves() {
    return this != CLIENT;
  }

  public boolean issues() {
    return this != SERVER;
  }
}
