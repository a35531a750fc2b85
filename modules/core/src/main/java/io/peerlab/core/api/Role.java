package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What a peer does; the same peer code runs in every role, configured. */
@API(status = STABLE, since = "0.1")
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
