package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Placement;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkModel;
import io.peerlab.core.workload.ClientScript;
import io.peerlab.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The shared, read-only facts of one run of one topology: the spec, the catalog, the op scripts,
 * the directory of peers and the initial placement. Every host builds its peers from one of these;
 * nothing in it changes during the run, so hosts may share it between threads.
 *
 * <p>Client {@code c} (0-based) is the peer at address {@code servers + c} in every topology, so
 * the same op script runs on the same address under every topology of a scenario.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunSetup {
  private final RunSpec spec;
  private final Catalog catalog;
  private final Workload workload;
  private final Directory directory;
  private final Placement placement;
  private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> derived =
      new java.util.concurrent.ConcurrentHashMap<>();

  public RunSetup(RunSpec spec, Catalog catalog, Workload workload) {
    if (workload.scripts().size() != spec.workload().clients()) {
      throw new IllegalArgumentException("workload does not match the spec's client count");
    }
    this.spec = spec;
    Topology topology = spec.topology();
    this.catalog = catalog;
    this.workload = workload;
    List<PeerInfo> peers = new ArrayList<>(spec.peers());
    AdversarySettings adversary = AdversarySettings.of(spec.settings());
    Adversaries sybils =
        adversary.active()
                && adversary.placement() == AdversarySettings.Placement.TARGETED
                && topology.idsChosenFreely(spec.settings())
            ? Adversaries.choose(adversary, spec, catalog)
            : null;
    for (int a = 0; a < spec.peers(); a++) {
      Role role = topology.role(a, spec);
      Link link = topology.link(a, role, spec);
      Key key = sybils == null ? null : sybils.targetedKey(a);
      if (key == null) {
        key = Key.sha1(peerName(spec.seed(), a));
      }
      peers.add(new PeerInfo(a, key, role, link));
    }
    this.directory = new Directory(peers);
    this.placement = Placement.of(spec.seed(), spec.objects(), spec.servers(), spec.peers());
  }

  /** A convenience for tests: catalog and workload derived from the spec. */
  public static RunSetup of(RunSpec spec) {
    Catalog catalog = new Catalog(spec.seed(), spec.objects());
    return new RunSetup(spec, catalog, Workload.generate(spec.seed(), spec.workload(), catalog));
  }

  /** A peer's name; its key is the SHA-1 of this name. */
  public static String peerName(long seed, int address) {
    return "peer-" + address + "-s" + seed;
  }

  public RunSpec spec() {
    return spec;
  }

  /** The spec's topology. */
  public Topology topology() {
    return spec.topology();
  }

  public Catalog catalog() {
    return catalog;
  }

  public Workload workload() {
    return workload;
  }

  public Directory directory() {
    return directory;
  }

  public Placement placement() {
    return placement;
  }

  public Settings settings() {
    return spec.settings();
  }

  public int peers() {
    return spec.peers();
  }

  /** The address of client {@code c}. */
  public int clientAddress(int c) {
    return spec.servers() + c;
  }

  /** The script of the client at {@code address}, or null if that peer runs none. */
  public ClientScript scriptAt(int address) {
    int c = address - spec.servers();
    return c >= 0 && c < workload.scripts().size() ? workload.script(c) : null;
  }

  /** How many ops every client together runs in {@code phase} (0 outside WARMUP and MEASURE). */
  public int opsIn(Phase phase) {
    return switch (phase) {
      case WARMUP -> workload.warmupOps();
      case MEASURE -> workload.measuredOps();
      default -> 0;
    };
  }

  /** Every peer's access link, by address, for the {@link NetworkModel}. */
  public Link[] links() {
    Link[] links = new Link[directory.size()];
    for (int a = 0; a < links.length; a++) {
      links[a] = directory.get(a).link();
    }
    return links;
  }

  /**
   * A fact derived from this run's setup, made once by {@code make} on first use and shared by
   * every peer of the run on this JVM (a churn plan, a warm-start table). {@code make} must be a
   * function of the setup alone, so every JVM of a cluster run derives the same value.
   */
  public <T> T derived(Class<T> type, java.util.function.Function<RunSetup, T> make) {
    return type.cast(derived.computeIfAbsent(type, t -> make.apply(this)));
  }

  /** A fresh network model for one host thread. */
  public NetworkModel newNetworkModel() {
    return new NetworkModel(spec.network(), links(), spec.seed());
  }
}
