package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.content.Forgery;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.util.Seeds;
import java.util.BitSet;
import org.apiguardian.api.API;

/**
 * The malicious peers of a run ({@link AdversarySettings}): {@code round(fraction × (peers -
 * servers))} of the non-server addresses, drawn by the seed, the same on every host and for every
 * topology of a scenario, and the keys they attack. Facts of the run, not a peer's knowledge: a
 * malicious peer's code may read them (the attackers collude and know each other), an honest
 * peer's code must not; results use them to tell which answers an adversary gave.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Adversaries {
  private static final Adversaries NONE =
      new Adversaries(AdversarySettings.none(), new BitSet(), new int[0], new Key[0], null);

  private final AdversarySettings settings;
  private final BitSet malicious;
  private final int[] addresses;
  private final Key[] targets;
  /** The poisoners' forged objects (behaviour poison only; null otherwise). */
  private final Forgery forgery;

  private Adversaries(
      AdversarySettings settings, BitSet malicious, int[] addresses, Key[] targets,
      Forgery forgery) {
    this.settings = settings;
    this.malicious = malicious;
    this.addresses = addresses;
    this.targets = targets;
    this.forgery = forgery;
  }

  /** The adversaries of a run (derived once per {@link RunSetup}). */
  public static Adversaries of(RunSetup setup) {
    AdversarySettings a = AdversarySettings.of(setup.settings());
    if (!a.active()) {
      return NONE;
    }
    return setup.derived(Adversaries.class, s -> choose(a, s.spec(), s.catalog()));
  }

  /** The draw itself, for {@link RunSetup} (which needs it before it exists) and {@link #of}. */
  static Adversaries choose(
      AdversarySettings a, RunSpec spec, io.peerlab.core.content.Catalog catalog) {
    if (!a.active()) {
      return NONE;
    }
    int[] chosen = Seeds.choose(spec.seed(), "adversary", spec.servers(), spec.peers(), a.fraction());
    java.util.Arrays.sort(chosen);
    BitSet set = new BitSet(spec.peers());
    for (int p : chosen) {
      set.set(p);
    }
    int t = Math.min(a.targets(), catalog.size());
    Key[] targets = new Key[t];
    for (int i = 0; i < t; i++) {
      targets[i] = catalog.id(i); // Zipf rank i is object i
    }
    Forgery forgery = a.behaviour() == AdversarySettings.Behaviour.POISON ? new Forgery(catalog) : null;
    return new Adversaries(a, set, chosen, targets, forgery);
  }

  public AdversarySettings settings() {
    return settings;
  }

  public AdversarySettings.Behaviour behaviour() {
    return settings.behaviour();
  }

  /** True when the run has malicious peers. */
  public boolean active() {
    return addresses.length > 0;
  }

  public boolean malicious(int address) {
    return malicious.get(address);
  }

  /** True when {@code address} is malicious and behaves as {@code b}. */
  public boolean is(int address, AdversarySettings.Behaviour b) {
    return settings.behaviour() == b && malicious.get(address);
  }

  /** True when {@code address} is a {@code poison} peer. */
  public boolean poisons(int address) {
    return forgery != null && malicious.get(address);
  }

  /**
   * The forged manifest the poisoners announce for {@code object} (a catalog index; docs/adversary.md):
   * the genuine one's id, name, keywords and sizes with the hashes of junk chunks. Only in runs whose
   * behaviour is {@code poison}.
   */
  public Manifest forged(int object) {
    return forgery().manifest(object);
  }

  /** The junk bytes a poisoner serves as chunk {@code chunk} of {@code object}: they match {@link #forged}. */
  public byte[] forgedChunk(int object, int chunk) {
    return forgery().chunk(object, chunk);
  }

  private Forgery forgery() {
    if (forgery == null) {
      throw new IllegalStateException("no poison peers in this run");
    }
    return forgery;
  }

  /** The malicious addresses, ascending. */
  public int[] addresses() {
    return addresses.clone();
  }

  public int count() {
    return addresses.length;
  }

  /** The attacked objects' ids, most popular first. */
  public Key[] targets() {
    return targets.clone();
  }

  /** True when {@code object} is one of the attacked objects (by catalog index). */
  public boolean targeted(int object) {
    return object >= 0 && object < targets.length;
  }

  /**
   * The id a malicious peer takes under targeted placement: the {@code n}-th malicious peer
   * (ascending address) sits just after target {@code n mod targets}, at {@code target + 1 + n /
   * targets}: the successor of the key on a ring, and within a few units of it in XOR distance.
   * Null when {@code address} is not malicious.
   */
  Key targetedKey(int address) {
    int n = java.util.Arrays.binarySearch(addresses, address);
    if (n < 0 || targets.length == 0) {
      return null;
    }
    Key target = targets[n % targets.length];
    return target.add(Key.of(1L + n / targets.length));
  }
}
