package io.peerlab.runtime.serialization;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.peerlab.core.api.Message;

/**
 * Teaches Pekko's Jackson serializers about peerlab's messages without annotating the core: a
 * mix-in gives {@link Message} a class-name type id, so a field declared as {@code Message} (as in
 * {@link io.peerlab.runtime.PeerActor.Deliver}) round-trips to its concrete record. Jackson only
 * accepts subtypes of {@code Message} there. Registered through {@code
 * pekko.serialization.jackson.jackson-modules} in peerlab-pekko.conf.
 */
public final class PeerlabJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@c")
  interface MessageMixin {}

  public PeerlabJacksonModule() {
    super("peerlab");
    setMixInAnnotation(Message.class, MessageMixin.class);
  }
}
