package io.peerlab.runtime.serialization;

/**
 * Marker for runtime commands that may cross JVMs; bound to Pekko's {@code jackson-cbor}
 * serializer in peerlab-pekko.conf, beside {@link io.peerlab.core.api.Message}.
 */
public interface CborSerializable {}
