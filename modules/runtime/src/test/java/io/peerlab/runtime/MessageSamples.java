package io.peerlab.runtime;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Message;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One sample of every message record in peerlab's core, found by scanning the core's classes, so a
 * protocol added later is covered by the serialisation tests without anyone listing it. A record
 * whose component type has no sample value here fails loudly with the type to add.
 */
public final class MessageSamples {
  private MessageSamples() {}

  private static final Catalog CATALOG = new Catalog(1, TestSpecs.objects());

  /** Every concrete record implementing {@link Message} in the core, by class name. */
  public static List<Class<?>> messageTypes() {
    List<Class<?>> out = new ArrayList<>();
    for (String name : coreClassNames()) {
      Class<?> c;
      try {
        c = Class.forName(name, false, Message.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        continue;
      }
      if (c.isRecord() && Message.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparing(Class::getName));
    return out;
  }

  /** A sample of every message type. */
  public static List<Message> all() {
    List<Message> out = new ArrayList<>();
    for (Class<?> c : messageTypes()) {
      out.add((Message) sample(c));
    }
    return out;
  }

  private static List<String> coreClassNames() {
    try {
      Path location = Path.of(Message.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> names = new ArrayList<>();
      if (Files.isDirectory(location)) {
        try (Stream<Path> s = Files.walk(location)) {
          s.filter(p -> p.toString().endsWith(".class"))
              .forEach(p -> names.add(toName(location.relativize(p).toString())));
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          Enumeration<JarEntry> e = jar.entries();
          while (e.hasMoreElements()) {
            String n = e.nextElement().getName();
            if (n.endsWith(".class") && n.startsWith("io/peerlab/")) {
              names.add(toName(n));
            }
          }
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String toName(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
  }

  /** An instance of a record with a plausible value for every component. */
  static Object sample(Class<?> record) {
    RecordComponent[] cs = record.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    Object[] args = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      args[i] = value(record, cs[i].getType(), cs[i].getGenericType(), i);
    }
    try {
      Constructor<?> c = record.getDeclaredConstructor(types);
      c.setAccessible(true);
      return c.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot build a sample of " + record.getName() + ": " + e.getCause(), e);
    }
  }

  private static Object value(Class<?> owner, Class<?> t, Type generic, int i) {
    if (t == long.class || t == Long.class) {
      return 1234567890123L + i;
    }
    if (t == int.class || t == Integer.class) {
      return 3 + i;
    }
    if (t == short.class) {
      return (short) (3 + i);
    }
    if (t == byte.class) {
      return (byte) (3 + i);
    }
    if (t == boolean.class || t == Boolean.class) {
      return true;
    }
    if (t == double.class || t == Double.class) {
      return 0.25;
    }
    if (t == String.class) {
      return "s" + i;
    }
    if (t == Key.class) {
      return Key.sha1("k" + i);
    }
    if (t == int[].class) {
      return new int[] {3, 1, 4};
    }
    if (t == long[].class) {
      return new long[] {3L, 1L << 40};
    }
    if (t == byte[].class) {
      return new byte[] {1, 2, 3, (byte) 250};
    }
    if (t == Manifest.class) {
      return CATALOG.manifest(i);
    }
    if (t.isEnum()) {
      return t.getEnumConstants()[t.getEnumConstants().length - 1];
    }
    if (t == List.class) {
      Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
      Class<?> raw = arg instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) arg;
      return List.of(value(owner, raw, arg, i), value(owner, raw, arg, i + 1));
    }
    if (t.isRecord()) {
      return sample(t);
    }
    if (t.isInterface() && t.isSealed()) {
      // A message inside a message (Kademlia's Signed): a sample of its family's first other record.
      for (Class<?> sub : t.getPermittedSubclasses()) {
        if (sub.isRecord() && sub != owner) {
          return sample(sub);
        }
      }
    }
    throw new AssertionError(
        "MessageSamples has no sample value for " + generic + " (in " + owner.getName() + "): add one");
  }
}
