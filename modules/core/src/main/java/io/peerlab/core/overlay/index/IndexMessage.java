package io.peerlab.core.overlay.index;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import java.util.Arrays;
import java.util.List;

/**
 * The request/reply protocol between peers and a well-known server: the content server of {@code
 * client-server} or the index of {@code central-index} (Napster). Every query is one round trip.
 */
public sealed interface IndexMessage extends Message {

  /** Who is responsible for (holds) this id? */
  record Lookup(long op, Key key) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY;
    }
  }

  record LookupReply(long op, Key key, int[] responsible) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.addresses(responsible.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof LookupReply r && op == r.op && key.equals(r.key)
          && Arrays.equals(responsible, r.responsible);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(op);
    }

    @Override
    public String toString() {
      return "LookupReply[op=" + op + ", key=" + key.shortHex() + ", responsible="
          + Arrays.toString(responsible) + "]";
    }
  }

  /** Which objects carry all these keywords? */
  record Search(long op, List<String> keywords) implements IndexMessage {
    public Search {
      keywords = List.copyOf(keywords);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.strings(keywords);
    }
  }

  /**
   * The matching objects, one hit per manifest published for each (more than one only under index
   * poisoning). On the wire a hit is one key, as an object id was before hits carried manifests:
   * peerlab counts the key as the content id that names the hit's manifest (eDonkey's file hash),
   * and does not charge the manifest object the simulation hands over with it.
   */
  record SearchReply(long op, List<Manifest> hits) implements IndexMessage {
    public SearchReply {
      hits = List.copyOf(hits);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.keys(hits.size());
    }
  }

  /** Where can I download this object, and what is its manifest? */
  record Locate(long op, Key object) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY;
    }
  }

  /**
   * Each manifest published for the object with the peers that published it (empty when the object
   * is unknown; more than one offer only under index poisoning, docs/adversary.md).
   */
  record LocateReply(long op, Key object, List<Offer> offers) implements IndexMessage {
    public LocateReply {
      offers = List.copyOf(offers);
    }

    @Override
    public int wireSize() {
      if (offers.isEmpty()) {
        return Wire.HEADER + Wire.KEY + 1 + Wire.addresses(0);
      }
      int n = Wire.HEADER + Wire.KEY;
      for (Offer o : offers) {
        n += o.manifest().wireSize() + Wire.addresses(o.holders().length);
      }
      return n;
    }

    @Override
    public String toString() {
      return "LocateReply[op=" + op + ", object=" + object.shortHex() + ", offers=" + offers + "]";
    }
  }

  /** The index's answer to a {@link io.peerlab.core.overlay.common.Publish} that asked for one. */
  record PublishAck(long op, int count) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT;
    }
  }

  /**
   * A peer tells the tracker what it does in an object's swarm and, for {@link SwarmEvent#STARTED}
   * and {@link SwarmEvent#UPDATE}, asks for up to {@code want} other members (BEP 3's announce).
   */
  record SwarmAnnounce(long op, Key object, SwarmEvent event, int want) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + 1 + Wire.INT;
    }
  }

  /** The tracker's answer: members of the swarm, the asker excluded. */
  record SwarmMembers(long op, Key object, int[] members) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.KEY + Wire.addresses(members.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SwarmMembers r && op == r.op && object.equals(r.object)
          && Arrays.equals(members, r.members);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(op);
    }

    @Override
    public String toString() {
      return "SwarmMembers[op=" + op + ", object=" + object.shortHex() + ", members="
          + Arrays.toString(members) + "]";
    }
  }

  /**
   * A peer tells an index server that it found it silent and now answering again: the server has
   * probably restarted with an empty index (churn; docs/overlays/central-index.md).
   */
  record Reindex(long op) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER;
    }
  }

  /** A restarted index server asks every peer to publish its share list to it again. */
  record PublishAgain(long op) implements IndexMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER;
    }
  }
}
