package io.peerlab.core.api;

import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;

/**
 * A peer as the run knows it: its address (its index in the run, 0..peers-1, the host's handle to
 * reach it), its 160-bit key, its role and its access link.
 */
public record PeerInfo(int address, Key key, Role role, Link link) {}
