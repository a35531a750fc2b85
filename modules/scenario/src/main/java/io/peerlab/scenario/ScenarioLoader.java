package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.api.TransferStrategy;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.content.Replication;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a scenario file (HOCON under the root {@code peerlab}), applies {@code --set} overrides and
 * the defaults of reference.conf, checks every key and value, and builds a {@link ScenarioSpec}.
 * Every problem is a {@link ScenarioException} with one line naming the key and what is allowed.
 */
public final class ScenarioLoader {
  private ScenarioLoader() {}

  /** The runtimes a scenario may name. */
  public static final List<String> RUNTIMES = List.of("sim", "local", "cluster");

  /** The largest chunk the cluster runtime carries (peerlab-cluster.conf's large frames). */
  static final int CLUSTER_MAX_CHUNK = 4 * 1024 * 1024;

  /** Keys that may hold an object where reference.conf holds a plain value. */
  private static final Set<String> OBJECT_FORMS =
      Set.of("peerlab.network.latency.min", "peerlab.network.latency.max");

  /** peerlab's defaults: the {@code peerlab} tree of reference.conf. */
  public static Config reference() {
    return reference(Plugins.none());
  }

  /**
   * Starts parsing peerlab's defaults on another thread now, for a command that will load a scenario
   * after other start-up work ({@code peerlab run} while its command line is read).
   */
  public static void preloadReference() {
    References.preload();
  }

  /**
   * The defaults a plugin loader sees: peerlab's reference.conf merged with every plugin's (each
   * under its own {@code peerlab.<name>}).
   */
  public static Config reference(ClassLoader plugins) {
    return References.of(plugins);
  }

  public static ScenarioSpec load(Path file, List<String> overrides) {
    return load(file, overrides, Plugins.none());
  }

  /** A scenario whose topologies and strategies may come from {@code plugins} ({@link Plugins}). */
  public static ScenarioSpec load(Path file, List<String> overrides, ClassLoader plugins) {
    return fromConfig(parse(file), overrides, file.toString(), plugins);
  }

  /**
   * A scenario file with its sweep: the file's {@code peerlab.sweep}, or {@code sweeps} ({@code
   * --sweep key=v1,v2,...}) in its place when any is given. The scenario without the sweep and
   * every point are loaded and checked here, so bad input stops before the first run.
   */
  public static SweepPlan plan(Path file, List<String> overrides, List<String> sweeps) {
    return plan(file, overrides, sweeps, Plugins.none());
  }

  /** As above, with the topologies and strategies of {@code plugins} ({@link Plugins}). */
  public static SweepPlan plan(Path file, List<String> overrides, List<String> sweeps, ClassLoader plugins) {
    Config user = parse(file);
    Sweep sweep = sweeps.isEmpty() ? Sweep.fromConfig(user) : Sweep.fromCli(sweeps);
    return plan(user, overrides, sweep, file.toString(), plugins);
  }

  /** From an already parsed config and sweep (tests, embedding). */
  public static SweepPlan plan(Config user, List<String> overrides, Sweep sweep, String source) {
    return plan(user, overrides, sweep, source, Plugins.none());
  }

  /** From an already parsed config and sweep, with the parts of {@code plugins}. */
  public static SweepPlan plan(
      Config user, List<String> overrides, Sweep sweep, String source, ClassLoader plugins) {
    ScenarioSpec base = fromConfig(user, overrides, source, plugins);
    List<SweepPlan.Step> steps = new ArrayList<>();
    if (sweep.isEmpty()) {
      steps.add(new SweepPlan.Step(sweep.points().get(0), base));
    }
    for (Sweep.Point p : sweep.isEmpty() ? List.<Sweep.Point>of() : sweep.points()) {
      List<String> all = new ArrayList<>(overrides);
      all.addAll(p.overrides());
      try {
        steps.add(new SweepPlan.Step(p, fromConfig(user, all, source, plugins)));
      } catch (ScenarioException e) {
        throw new ScenarioException("sweep " + p.label() + ": " + e.getMessage());
      }
    }
    return new SweepPlan(base, sweep, steps);
  }

  private static Config parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException(
          "cannot read scenario file '" + file + "': " + (Files.exists(file) ? "not a regular file" : "no such file"));
    }
    if (!Files.isReadable(file)) {
      throw new ScenarioException("cannot read scenario file '" + file + "': permission denied");
    }
    checkText(file);
    Config user;
    try {
      user =
          ConfigFactory.parseFile(
              file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
    } catch (ConfigException.IO e) {
      // A missing `include required(...)`: Typesafe Config's message is "<name>: java.io.IOException: ...".
      String m = String.valueOf(e.getMessage());
      int cut = m.indexOf(": java.io.");
      String name = cut > 0 ? m.substring(0, cut) : m;
      throw new ScenarioException("scenario file '" + file + "': include required(...) names '" + name
          + "', which does not exist (neither beside the scenario nor on the classpath)");
    } catch (ConfigException e) {
      throw new ScenarioException(clean(e));
    }
    if (user.entrySet().isEmpty()) {
      throw new ScenarioException("scenario file '" + file + "' sets no key; a scenario sets at least"
          + " peerlab.name (see config/scenarios/quickstart.conf and docs/scenarios.md)");
    }
    return user;
  }

  /** The largest scenario file read: scenarios are a few KiB; anything near this is not one. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  /** A scenario file is UTF-8 text: a binary file is named as such, never echoed. */
  private static void checkText(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ScenarioException("scenario file '" + file + "' is larger than 1 MiB; it is not a scenario");
      }
      bytes = Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new ScenarioException("cannot read scenario file '" + file + "': " + e.getClass().getSimpleName());
    }
    boolean control = false;
    for (byte b : bytes) {
      if (b == 0 || (b >= 0 && b < 32 && b != '\n' && b != '\r' && b != '\t' && b != '\f') || b == 127) {
        control = true;
        break;
      }
    }
    boolean utf8 = true;
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      utf8 = false;
    }
    if (control || !utf8) {
      throw new ScenarioException("scenario file '" + file + "' is not a text file (it holds "
          + (control ? "control bytes" : "bytes that are not UTF-8") + "); a scenario is HOCON text");
    }
  }

  /** From an already parsed config (tests, embedding). */
  public static ScenarioSpec fromConfig(Config user, List<String> overrides, String source) {
    return fromConfig(user, overrides, source, Plugins.none());
  }

  public static ScenarioSpec fromConfig(Config user, List<String> overrides, String source, ClassLoader plugins) {
    // The sweep is not a setting of one run: plan() reads it, every run ignores it.
    Config merged = parseOverrides(overrides).withFallback(user).withoutPath(Sweep.PATH);
    Config reference = reference(plugins);
    checkKeys(merged, reference);
    Config resolved;
    try {
      resolved = merged.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new ScenarioException(clean(e));
    }
    return build(new ConfigReader(resolved), source, plugins);
  }

  static Config parseOverrides(List<String> overrides) {
    Config out = ConfigFactory.empty();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new ScenarioException("bad --set '" + o + "': expected key=value, e.g. --set peers=128");
      }
      String key = o.substring(0, eq).trim();
      String value = o.substring(eq + 1).trim();
      if (!key.equals("peerlab") && !key.startsWith("peerlab.")) {
        key = "peerlab." + key;
      }
      try {
        ConfigUtil.splitPath(key);
      } catch (ConfigException e) {
        throw new ScenarioException("bad --set '" + o + "': '" + key + "' is not a valid key");
      }
      Config c;
      try {
        c = ConfigFactory.parseString(key + " = " + value);
      } catch (ConfigException e) {
        c = ConfigFactory.parseString(key + " = " + ConfigUtil.quoteString(value));
      }
      out = c.withFallback(out);
    }
    return out;
  }

  /** Every key the user set must exist in reference.conf (or be one of its object forms). */
  private static void checkKeys(Config user, Config reference) {
    Set<String> known = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      known.add(e.getKey());
    }
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String path = e.getKey();
      List<String> parts = ConfigUtil.splitPath(path);
      if (!parts.get(0).equals("peerlab")) {
        throw ScenarioException.key(
            path, "unknown key: scenario keys live under the root 'peerlab' (e.g. peerlab." + path + ")");
      }
      if (known.contains(path) || OBJECT_FORMS.contains(path)) {
        continue;
      }
      String hint = closest(path, known);
      if (hint == null && parts.size() > 2 && known.stream().noneMatch(k -> k.startsWith("peerlab." + parts.get(1) + "."))) {
        throw ScenarioException.key(
            path, "unknown key: no loaded topology or strategy has a section '" + parts.get(1)
                + "' (a plugin's keys need its jar: --plugin PATH, or plugins/ beside the scenario)");
      }
      throw ScenarioException.key(
          path, "unknown key" + (hint == null ? "" : "; did you mean '" + hint + "'?")
              + " (every key is listed in docs/scenarios.md)");
    }
  }

  private static ScenarioSpec build(ConfigReader r, String source, ClassLoader plugins) {
    String name = r.string("peerlab.name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw ScenarioException.key(
          "peerlab.name", "'" + name + "' may use only letters, digits, '.', '_' and '-'");
    }
    long seed = r.wholeNumber("peerlab.seed");
    String runtime = r.oneOf("peerlab.runtime", RUNTIMES);
    List<String> topologies = r.strings("peerlab.topologies");
    if (topologies.isEmpty()) {
      throw ScenarioException.key(
          "peerlab.topologies", "must name at least one of " + String.join(", ", Topologies.names(plugins)));
    }
    Set<String> seen = new HashSet<>();
    for (String t : topologies) {
      if (Topologies.find(t, plugins).isEmpty()) {
        throw ScenarioException.key(
            "peerlab.topologies", "unknown topology '" + t + "'; use " + String.join(", ", Topologies.names(plugins))
                + (plugins == Plugins.none() ? " (or load a plugin with --plugin)" : ""));
      }
      if (!seen.add(t)) {
        throw ScenarioException.key("peerlab.topologies", "'" + t + "' is listed twice");
      }
    }
    int peers = r.intAtLeast("peerlab.peers", 1);
    int servers = r.intAtLeast("peerlab.servers", 0);
    if (servers >= peers) {
      throw ScenarioException.key(
          "peerlab.servers", "must be less than peerlab.peers (" + peers + "), got " + servers);
    }
    for (String t : topologies) {
      int min = Topologies.get(t, plugins).minServers();
      if (servers < min) {
        throw ScenarioException.key("peerlab.servers", "must be >= " + min + " for topology " + t + ", got " + servers);
      }
    }
    long deadline = r.durationNanos("peerlab.deadline", false);
    long phaseTimeout = r.durationNanos("peerlab.phase-timeout", false);
    TransferStrategy transfer = Transfers.get(r.oneOf("peerlab.transfer", Transfers.names(plugins)), plugins);

    NetworkSpec network = network(r);
    WorkloadSpec workload = workload(r, peers, servers);
    ObjectsSpec objects = objects(r, workload, peers - servers);
    if (runtime.equals("cluster") && objects.chunkSize() > CLUSTER_MAX_CHUNK) {
      throw ScenarioException.key(
          "peerlab.objects.chunk-size",
          "must be at most 4MiB on the cluster runtime (one chunk travels as one Artery frame), got "
              + objects.chunkSize() + " bytes");
    }
    Settings settings = PluginSettings.read(r, plugins, SettingsReaders.read(r, source));
    if (settings.find(DhtSettings.class).map(DhtSettings::warmPublish).orElse(false)) {
      if (!runtime.equals("sim")) {
        throw ScenarioException.key(
            "peerlab.dht.warm-publish",
            "works on the sim runtime only (it writes every peer's store from one thread), got runtime " + runtime);
      }
      if (AdversarySettings.of(settings).active()) {
        throw ScenarioException.key(
            "peerlab.dht.warm-publish",
            "cannot be on with an adversary (adversary.fraction > 0): who stores a record first decides it, "
                + "and only the protocol's timing says who");
      }
    }

    RunSpec base =
        new RunSpec(
            name, seed, Topologies.get(topologies.get(0), plugins), transfer, peers, servers, network, objects, workload,
            deadline, phaseTimeout, settings);
    long interval = r.durationNanos("peerlab.results.interval", false);
    if (deadline / interval > 1_000_000) {
      throw ScenarioException.key(
          "peerlab.results.interval", "gives more than 1,000,000 intervals within peerlab.deadline; use a longer interval");
    }
    return new ScenarioSpec(
        name, runtime, topologies, base, source, r.config().getConfig("peerlab"), interval, plugins);
  }

  private static NetworkSpec network(ConfigReader r) {
    boolean enabled = r.bool("peerlab.network.enabled");
    long min;
    long max;
    if (r.isObject("peerlab.network.latency")) {
      min = r.durationNanos("peerlab.network.latency.min", true);
      max = r.durationNanos("peerlab.network.latency.max", true);
      if (max < min) {
        throw ScenarioException.key("peerlab.network.latency", "max must be >= min");
      }
    } else {
      min = r.durationNanos("peerlab.network.latency", true);
      max = min;
    }
    double loss = r.numberIn("peerlab.network.loss", 0, true, 1, false);
    Link peer = new Link(r.bandwidth("peerlab.network.peer-upload"), r.bandwidth("peerlab.network.peer-download"));
    Link server =
        new Link(r.bandwidth("peerlab.network.server-upload"), r.bandwidth("peerlab.network.server-download"));
    return new NetworkSpec(enabled, min, max, loss, peer, server);
  }

  private static WorkloadSpec workload(ConfigReader r, int peers, int servers) {
    String modeName = r.oneOf("peerlab.workload.mode", List.of("closed", "open", "flash-crowd"));
    LoadMode mode =
        switch (modeName) {
          case "open" -> LoadMode.OPEN;
          case "flash-crowd" -> LoadMode.FLASH_CROWD;
          default -> LoadMode.CLOSED;
        };
    int clients = r.intAtLeast("peerlab.workload.clients", 1);
    if (clients > peers - servers) {
      throw ScenarioException.key(
          "peerlab.workload.clients",
          "must be at most peers - servers (" + (peers - servers) + "), got " + clients);
    }
    int ops = r.intAtLeast("peerlab.workload.ops", 1);
    int warmup = r.intAtLeast("peerlab.workload.warmup-ops", 0);
    double rate = r.number("peerlab.workload.rate");
    if (mode == LoadMode.OPEN && !(rate > 0)) {
      throw ScenarioException.key("peerlab.workload.rate", "must be > 0 ops per second in open mode, got " + ConfigReader.fmt(rate));
    }
    long think = r.durationNanos("peerlab.workload.think-time", true);
    double lookup = r.numberIn("peerlab.workload.mix.lookup", 0, true, 1, true);
    double search = r.numberIn("peerlab.workload.mix.search", 0, true, 1, true);
    double fetch = r.numberIn("peerlab.workload.mix.fetch", 0, true, 1, true);
    double sum = lookup + search + fetch;
    if (Math.abs(sum - 1.0) > 1e-6) {
      throw ScenarioException.key(
          "peerlab.workload.mix",
          String.format(Locale.ROOT, "shares must sum to 1, got %s (lookup %s + search %s + fetch %s)",
              ConfigReader.fmt(sum), ConfigReader.fmt(lookup), ConfigReader.fmt(search), ConfigReader.fmt(fetch)));
    }
    // Absorb rounding so the core's exact check holds.
    fetch = 1.0 - lookup - search;
    long timeout = r.durationNanos("peerlab.workload.op-timeout", false);
    int queryKeywords = r.intAtLeast("peerlab.workload.query-keywords", 1);
    return new WorkloadSpec(
        mode, clients, ops, warmup, rate, think, lookup, search, Math.max(0, fetch), timeout, queryKeywords);
  }

  private static ObjectsSpec objects(ConfigReader r, WorkloadSpec workload, int holders) {
    int count = r.intAtLeast("peerlab.objects.count", 1);
    long size = r.bytes("peerlab.objects.size");
    long chunk = r.bytes("peerlab.objects.chunk-size");
    if (chunk > 64L * 1024 * 1024) {
      throw ScenarioException.key("peerlab.objects.chunk-size", "must be at most 64MiB, got " + chunk + " bytes");
    }
    if (chunk > size) {
      throw ScenarioException.key("peerlab.objects.chunk-size",
          "must be at most peerlab.objects.size (" + size + " bytes), got " + chunk + " bytes");
    }
    if (size / chunk > 1_000_000) {
      throw ScenarioException.key(
          "peerlab.objects.chunk-size", "gives more than 1,000,000 chunks per object; use larger chunks");
    }
    double popularity = r.numberIn("peerlab.objects.popularity", 0, true, 10, true);
    int kpo = r.intAtLeast("peerlab.objects.keywords-per-object", 0);
    int vocabulary = r.intAtLeast("peerlab.objects.vocabulary", 1);
    if (kpo > vocabulary) {
      throw ScenarioException.key(
          "peerlab.objects.keywords-per-object", "must be at most peerlab.objects.vocabulary (" + vocabulary + ")");
    }
    if (workload.searchShare() > 0 && kpo < 1) {
      throw ScenarioException.key(
          "peerlab.objects.keywords-per-object", "must be >= 1 when the mix has searches");
    }
    if (workload.searchShare() > 0 && workload.queryKeywords() > kpo) {
      throw ScenarioException.key(
          "peerlab.workload.query-keywords", "must be at most peerlab.objects.keywords-per-object (" + kpo + ")");
    }
    int replicas = r.intAtLeast("peerlab.objects.replicas", 1);
    if (replicas > holders) {
      throw ScenarioException.key("peerlab.objects.replicas", "must be at most peers - servers (" + holders
          + "): each copy goes to a different non-server peer; got " + replicas);
    }
    Replication replication =
        Replication.fromLabel(r.oneOf("peerlab.objects.replication", Replication.labels()))
            .orElseThrow();
    return new ObjectsSpec(
        count, size, (int) chunk, popularity, kpo, vocabulary, replicas, replication);
  }

  private static String clean(ConfigException e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    return m.replace('\n', ' ');
  }

  /** The known key nearest to {@code path} by edit distance, if it is close enough to be a typo. */
  static String closest(String path, Set<String> known) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(path, k);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return bestD <= Math.max(2, path.length() / 6) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Known leaf keys, for help texts and docs tests. */
  public static List<String> knownKeys() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : reference().entrySet()) {
      out.add(e.getKey());
    }
    out.sort(null);
    return out;
  }
}
