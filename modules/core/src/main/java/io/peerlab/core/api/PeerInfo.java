package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;
import org.apiguardian.api.API;

/**
 * A peer as the run knows it: its address (its index in the run, 0..peers-1, the host's handle to
 * reach it), its 160-bit key, its role and its access link.
 */
@API(status = STABLE, since = "0.1")
public record PeerInfo(int address, Key key, Role role, Link link) {}
