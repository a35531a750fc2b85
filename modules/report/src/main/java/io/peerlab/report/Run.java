package io.peerlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One entry of results.json's {@code runs}, read by JSON pointer (docs/results.md, "A run"). */
public record Run(JsonNode json) {

  public String topology() {
    return json.path("topology").asText("?");
  }

  public String transfer() {
    return json.path("transfer").asText("?");
  }

  public int peers() {
    return json.path("peers").asInt();
  }

  /** The sweep point this run was made at ({@code peers=50 transfer=swarm}), or "" outside a sweep. */
  public String sweepPoint() {
    StringBuilder sb = new StringBuilder();
    json.path("sweep").fields().forEachRemaining(e -> {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(e.getValue().asText());
    });
    return sb.toString();
  }

  /** The number at a JSON pointer such as {@code /ops/lookup/latencyMs/p50}, or null if absent. */
  public Double value(String pointer) {
    JsonNode n = json.at(pointer);
    return n.isNumber() ? n.asDouble() : null;
  }

  /** The op types this run measured, in the file's order: a subset of lookup, search, fetch. */
  public List<String> ops() {
    List<String> out = new ArrayList<>();
    json.path("ops").fieldNames().forEachRemaining(out::add);
    return out;
  }

  public List<String> notes() {
    List<String> out = new ArrayList<>();
    json.path("notes").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** {@code load.perPeer.<field>}: one value per peer, by address; null in files written before it existed. */
  public double[] perPeer(String field) {
    JsonNode a = json.path("load").path("perPeer").path(field);
    if (!a.isArray()) {
      return null;
    }
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  /** The optional {@code timeline} section (docs/results.md, "Timeline"), or null when not recorded. */
  public JsonNode timeline() {
    JsonNode t = json.path("timeline");
    return t.isObject() ? t : null;
  }
}
