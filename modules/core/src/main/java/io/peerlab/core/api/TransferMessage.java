package io.peerlab.core.api;


/** Marker for messages a peer hands to its {@link Transfer} rather than to its overlay. */
public interface TransferMessage extends Message {}
