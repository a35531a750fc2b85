package io.peerlab.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerlab.core.metrics.RunResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * results.json's values as a JSON tree, and a tree as results.json's text, without Jackson's
 * data binding: what {@code ObjectMapper.valueToTree} and {@code writeValueAsString} with
 * {@code INDENT_OUTPUT} and {@code NON_NULL} made of the report's records, byte for byte
 * (ResultsJsonTest checks that against Jackson's own conversion on real runs), but by a walk over
 * the records' components in declaration order.
 *
 * <p>Why not Jackson's binding: building its serialisers for the report's two dozen record types
 * (introspection, annotation proxies, reflection, its default time zone's tzdb) cost about a fifth
 * of a second of CPU in every process, cold, which on a two-core machine is a quarter of a
 * 1,000-peer run's whole process (bench/README.md, "Performance at scale"). The tree model
 * ({@link ObjectNode}, which the report reads) and the generator (jackson-core) stay Jackson's.
 *
 * <p>The mapping: a record is an object of its non-null components in declaration order, except
 * that a {@link RunResult}'s identity, timing, figures and health are written in its place (their
 * fields flat, in that order) and its intervals not at all (they go to .hlog files); a map is an
 * object in its iteration order, without null values; a collection is an array; strings, booleans
 * and numbers are themselves (an int an int, a long a long, a double a double); anything else is
 * refused, not written as something else.
 */
public final class ResultsJson {
  private ResultsJson() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonFactory JSON = new JsonFactory();

  /** RunResult's groups written in its place (Jackson's {@code @JsonUnwrapped}). */
  private static final Set<String> FLAT = Set.of("identity", "timing", "figures", "health");
  /** RunResult's timeline series, kept out of the JSON. */
  private static final String SKIPPED = "intervals";

  /** The components of each record type, with their accessors, looked up once. */
  private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected Component[] computeValue(Class<?> type) {
      RecordComponent[] rc = type.getRecordComponents();
      Component[] out = new Component[rc.length];
      for (int i = 0; i < rc.length; i++) {
        Method m = rc[i].getAccessor();
        m.setAccessible(true);
        out[i] = new Component(rc[i].getName(), m);
      }
      return out;
    }
  };

  private record Component(String name, Method accessor) {
    Object of(Record r) {
      try {
        return accessor.invoke(r);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + name + " of " + r.getClass().getName(), e);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
      }
    }
  }

  /** {@code value} (a record, map, collection, string, boolean, number or null) as a tree. */
  public static JsonNode tree(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Record r) {
      return record(r);
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() != null) {
          o.set(String.valueOf(e.getKey()), tree(e.getValue()));
        }
      }
      return o;
    }
    if (value instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode(c.size());
      for (Object x : c) {
        a.add(tree(x));
      }
      return a;
    }
    throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
  }

  /** A record as an object: its non-null components in order ({@link ResultsJson} says which are flat). */
  public static ObjectNode record(Record r) {
    ObjectNode o = NODES.objectNode();
    fields(r, o);
    return o;
  }

  private static void fields(Record r, ObjectNode into) {
    boolean run = r instanceof RunResult;
    for (Component c : COMPONENTS.get(r.getClass())) {
      if (run && c.name().equals(SKIPPED)) {
        continue;
      }
      Object v = c.of(r);
      if (v == null) {
        continue;
      }
      if (run && FLAT.contains(c.name()) && v instanceof Record group) {
        fields(group, into);
      } else {
        into.set(c.name(), tree(v));
      }
    }
  }

  private static JsonNode number(Number n) {
    if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return NODES.numberNode(n.intValue());
    }
    if (n instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (n instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (n instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (n instanceof BigInteger b) {
      return NODES.numberNode(b);
    }
    if (n instanceof BigDecimal b) {
      return NODES.numberNode(b);
    }
    return NODES.numberNode(n.doubleValue());
  }

  /** {@code tree} as Jackson's default pretty printer writes it (two-space indents, "key" : value). */
  public static String text(JsonNode tree) {
    StringWriter out = new StringWriter(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      write(tree, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonNode n, JsonGenerator g) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          g.writeFieldName(e.getKey());
          write(e.getValue(), g);
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode x : n) {
          write(x, g);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(n.textValue());
      case BOOLEAN -> g.writeBoolean(n.booleanValue());
      case NULL, MISSING -> g.writeNull();
      case NUMBER -> {
        switch (n.numberType()) {
          case INT -> g.writeNumber(n.intValue());
          case LONG -> g.writeNumber(n.longValue());
          case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
          case FLOAT -> g.writeNumber(n.floatValue());
          case DOUBLE -> g.writeNumber(n.doubleValue());
          case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
        }
      }
      default -> throw new IllegalArgumentException("no JSON text for a " + n.getNodeType() + " node");
    }
  }
}
