package io.peerlab.runtime.serialization;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.peerlab.core.api.Message;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.List;

/**
 * Teaches Pekko's Jackson serializers about peerlab's messages without annotating the core: a
 * mix-in gives {@link Message} a class-name type id, so a field declared as {@code Message} (as in
 * {@link io.peerlab.runtime.PeerActor.Deliver}) round-trips to its concrete record. Jackson only
 * accepts subtypes of {@code Message} there. Registered through {@code
 * pekko.serialization.jackson.jackson-modules} in peerlab-pekko.conf.
 *
 * <p>{@link Manifest} is a class with a record's accessors (its chunk hashes are computed on first
 * use); its mix-in gives it the fields and the creator a record would have, so it travels as
 * before.
 */
public final class PeerlabJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@c")
  interface MessageMixin {}

  /** A manifest's properties are its accessors, and its public constructor takes them all. */
  abstract static class ManifestMixin {
    @JsonCreator
    ManifestMixin(
        @JsonProperty("id") Key id,
        @JsonProperty("index") int index,
        @JsonProperty("name") String name,
        @JsonProperty("keywords") List<String> keywords,
        @JsonProperty("size") long size,
        @JsonProperty("chunkSize") int chunkSize,
        @JsonProperty("chunkHashes") byte[] chunkHashes) {}

    @JsonProperty("id")
    abstract Key id();

    @JsonProperty("index")
    abstract int index();

    @JsonProperty("name")
    abstract String name();

    @JsonProperty("keywords")
    abstract List<String> keywords();

    @JsonProperty("size")
    abstract long size();

    @JsonProperty("chunkSize")
    abstract int chunkSize();

    @JsonProperty("chunkHashes")
    abstract byte[] chunkHashes();
  }

  public PeerlabJacksonModule() {
    super("peerlab");
    setMixInAnnotation(Message.class, MessageMixin.class);
    setMixInAnnotation(Manifest.class, ManifestMixin.class);
  }
}
