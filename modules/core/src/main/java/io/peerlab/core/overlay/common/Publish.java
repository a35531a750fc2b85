package io.peerlab.core.overlay.common;

import io.peerlab.core.api.Message;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.net.Wire;
import java.util.List;

/**
 * The sender holds these objects: index them under its address (Napster's share list, a leaf's
 * upload to its super-peer). {@code ack} asks for the index's acknowledgement: set at start-up
 * publishing, clear for announcements after a download. Sent to a central index or a super-peer.
 *
 * <p>Wire size: a header, 3 bytes (object count and the ack flag), then each manifest's own size.
 */
public record Publish(long op, List<Manifest> objects, boolean ack) implements Message {
  public Publish {
    objects = List.copyOf(objects);
  }

  @Override
  public int wireSize() {
    int n = Wire.HEADER + 3;
    for (Manifest m : objects) {
      n += m.wireSize();
    }
    return n;
  }
}
