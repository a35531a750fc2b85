package io.peerlab.core.transfer;

import io.peerlab.core.peer.Message;

/** Marker for messages a peer hands to its {@link Transfer} rather than to its overlay. */
public interface TransferMessage extends Message {}
