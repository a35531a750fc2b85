package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencesTest {

  @Test
  void builtInDefaults_areWhatParsingEveryReferenceConfGives_parsedOnce() throws IOException {
    ClassLoader own = Plugins.none();
    // Pekko's reference.conf files are on this class path too: skipped, and nothing is lost.
    assertThat(Collections.list(own.getResources("reference.conf"))).hasSizeGreaterThan(1);
    Config all = ConfigFactory.parseResources(own, "reference.conf").withOnlyPath("peerlab");
    Config ours = References.of(own);
    assertThat(ours.root()).isEqualTo(all.root());
    assertThat(ours.hasPath("peerlab.peers")).isTrue();
    assertThat(References.of(own)).isSameAs(ours);
  }

  @Test
  void aPluginsReferenceConf_isMergedBehindPeerlabs(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("reference.conf"),
        "peerlab.my-overlay { fanout = 3 }\npeerlab.peers = 5\nother.key = 1\n");
    // A plugin registers its part (docs/extending.md): that is what marks its reference.conf as one
    // that may hold peerlab defaults.
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("io.peerlab.core.api.Topology"), "org.example.MyOverlay\n");
    try (URLClassLoader plugin = new URLClassLoader(new URL[] {dir.toUri().toURL()}, Plugins.none())) {
      Config all = ConfigFactory.parseResources(plugin, "reference.conf").withOnlyPath("peerlab");
      Config read = References.of(plugin);
      assertThat(read.root()).isEqualTo(all.root());
      assertThat(read.getInt("peerlab.my-overlay.fanout")).isEqualTo(3);
      assertThat(read.hasPath("other")).isFalse();
    }
  }

  /**
   * A reference.conf beside no part (a library's, like Pekko's) is not opened: peerlab's defaults
   * come from its own module and from the plugins, each of which registers a topology or a transfer
   * strategy.
   */
  @Test
  void aReferenceConfBesideNoPart_isNotRead(@TempDir Path dir) throws IOException {
    Path library = Files.createDirectories(dir.resolve("library"));
    Files.writeString(library.resolve("reference.conf"), "peerlab.peers = 5\npeerlab.not-a-part = 1\n");
    Path strategy = Files.createDirectories(dir.resolve("strategy"));
    Files.writeString(strategy.resolve("reference.conf"), "peerlab.my-strategy.pieces = 4\n");
    Path services = Files.createDirectories(strategy.resolve("META-INF/services"));
    Files.writeString(services.resolve("io.peerlab.core.api.TransferStrategy"), "org.example.MyStrategy\n");
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {library.toUri().toURL(), strategy.toUri().toURL()}, Plugins.none())) {
      Config read = References.of(loader);
      assertThat(read.hasPath("peerlab.not-a-part")).isFalse();
      assertThat(read.getInt("peerlab.peers")).isEqualTo(References.of(Plugins.none()).getInt("peerlab.peers"));
      assertThat(read.getInt("peerlab.my-strategy.pieces")).isEqualTo(4);
    }
  }

  @Test
  void preloadedOnAnotherThread_theDefaultsAreTheSameOneTree() throws Exception {
    References.preload(); // a run's Main does this while picocli reads the command line
    Config ours = References.of(Plugins.none()); // waits for the preload's parse, or does it itself
    Config all = ConfigFactory.parseResources(Plugins.none(), "reference.conf").withOnlyPath("peerlab");
    assertThat(ours.root()).isEqualTo(all.root());
    Config[] fromThreads = new Config[4];
    Thread[] threads = new Thread[fromThreads.length];
    for (int i = 0; i < threads.length; i++) {
      int k = i;
      threads[i] = new Thread(() -> fromThreads[k] = References.of(Plugins.none()));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(fromThreads).allSatisfy(c -> assertThat(c).isSameAs(ours));
  }
}
