/**
 * The protocol author's API: everything an overlay or a transfer strategy written outside peerlab
 * needs, and nothing of how peerlab hosts it. The seven built-in topologies are written against
 * this package exactly as a plugin is.
 *
 * <h2>What a protocol implements</h2>
 *
 * <ul>
 *   <li>a {@link io.peerlab.core.api.Topology}: a stateless factory, found with {@link
 *       java.util.ServiceLoader} (list the class in {@code
 *       META-INF/services/io.peerlab.core.api.Topology}). It names the topology, decides each
 *       peer's {@link io.peerlab.core.api.Role} and link, and builds one {@link
 *       io.peerlab.core.api.Overlay} per peer;
 *   <li>the {@link io.peerlab.core.api.Overlay}: one instance per peer, driven one event at a time
 *       (join, publish, lookup, search, locate, a message, a timer);
 *   <li>its messages: immutable records implementing {@link io.peerlab.core.api.Message}, each
 *       naming the operation it works for and its size on the wire;
 *   <li>optionally, a {@link io.peerlab.core.api.TransferStrategy} and its {@link
 *       io.peerlab.core.api.Transfer} (how chunks move), registered the same way, and settings of
 *       its own ({@link io.peerlab.core.api.Pluggable#readSettings}, defaults in the jar's {@code
 *       reference.conf} under {@code peerlab.<name>}).
 * </ul>
 *
 * <h2>What it may call</h2>
 *
 * Only its {@link io.peerlab.core.api.NodeContext}: who am I ({@code self}, {@code key}, {@code
 * role}), the run's read-only facts ({@code setup()}: the spec, its settings, the directory of
 * peers, the catalog), its store, its own seeded random stream, the host's clock ({@code now}),
 * {@code send}, timers, and the outcome calls ({@code joined}, {@code published}, {@code
 * lookupDone}, {@code searchDone}, {@code located}, {@code failed}). A protocol never reads the
 * wall clock, never sleeps, never starts a thread and never does I/O: that is what lets the same
 * class run on the deterministic simulator, on actors and on a cluster. The types it sees come from
 * this package and the floor below it ({@code id}, {@code content}, {@code net}, {@code workload},
 * {@code metrics}, {@code util}); an ArchUnit rule keeps peerlab's internals out of the signatures
 * here.
 *
 * <h2>The event model</h2>
 *
 * A run goes through the {@link io.peerlab.core.api.Phase}s JOIN, PUBLISH, WARMUP and MEASURE. The
 * host calls {@code join()} on every peer and waits until each has called {@code ctx.joined()};
 * likewise {@code publish()} and {@code ctx.published()}. Then client peers run their op scripts:
 * each op arrives as {@code lookup}, {@code search} or {@code locate} with an op token, and the
 * overlay ends it with exactly one outcome call (later calls for an op that ended are ignored; an op
 * that gets none fails with {@code timeout} at the scenario's op timeout). Calls into one peer never
 * overlap, so an overlay needs no locks. Messages may be lost or delayed by the network model; a
 * message to an address outside the directory is dropped and counted as an error of the run.
 *
 * <h2>A minimal overlay</h2>
 *
 * <pre>{@code
 * public final class OneHop implements Topology {            // listed in META-INF/services
 *   public String name() { return "one-hop"; }
 *   public String description() { return "full membership: every lookup is one hop"; }
 *   public Role role(int address, RunSpec spec) { return Role.BOTH; }
 *   public Overlay overlay(NodeContext ctx) { return new OneHopOverlay(ctx); }
 * }
 *
 * record Ask(long op, Key key) implements Message {
 *   public int wireSize() { return Wire.HEADER + Wire.KEY; }
 * }
 * record Answer(long op, int owner) implements Message {
 *   public int wireSize() { return Wire.HEADER + Wire.ADDRESS; }
 * }
 *
 * final class OneHopOverlay extends LookupOverlay {    // joins, publishes; no search, no fetch
 *   OneHopOverlay(NodeContext ctx) { super(ctx); }
 *   public void lookup(long op, Key key) { ctx.send(owner(key), new Ask(op, key)); }
 *   public void onMessage(int from, Message m) {
 *     if (m instanceof Ask a) ctx.send(from, new Answer(a.op(), ctx.self()));
 *     if (m instanceof Answer a) ctx.lookupDone(a.op(), new int[] {a.owner()}, 1);
 *   }
 *   private int owner(Key key) { ... }                 // the key's successor among all peers
 * }
 * }</pre>
 *
 * docs/extending.md takes this example through a test with peerlab's testkit to a run beside
 * Chord.
 *
 * <h2>Stability</h2>
 *
 * Every type here carries {@link org.apiguardian.api.API}: {@code STABLE} types change only with a
 * new major version; {@code EXPERIMENTAL} ones may still change in a minor version; {@code
 * INTERNAL} ones are public for peerlab's own hosts and are not for plugins.
 */
package io.peerlab.core.api;
