package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;


/** Marker for messages a peer hands to its {@link Transfer} rather than to its overlay. */
@API(status = STABLE, since = "0.1")
public interface TransferMessage extends Message {}
