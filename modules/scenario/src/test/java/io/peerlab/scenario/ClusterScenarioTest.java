package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.peerlab.runtime.cluster.ClusterRuntime;
import io.peerlab.runtime.cluster.ClusterSettings;
import io.peerlab.runtime.cluster.ClusterTls;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterScenarioTest {

  private static ScenarioSpec load(String... overrides) {
    return ScenarioLoader.fromConfig(ConfigFactory.empty(), List.of(overrides), "test");
  }

  @Test
  void clusterRuntime_isAccepted_andItsSectionBecomesTypedSettings() {
    ScenarioSpec spec = load("runtime=cluster", "cluster.seed-nodes=[\"10.0.0.5:25520\", \"10.0.0.6:25520\"]",
        "cluster.nodes=3", "cluster.join-timeout=90s", "cluster.network-model=false");
    ClusterSettings c = spec.base().settings().get(ClusterSettings.class);
    assertThat(spec.runtime()).isEqualTo("cluster");
    assertThat(c.seedNodes()).containsExactly("10.0.0.5:25520", "10.0.0.6:25520");
    assertThat(c.nodes()).isEqualTo(3);
    assertThat(c.joinTimeoutNanos()).isEqualTo(90_000_000_000L);
    assertThat(c.networkModel()).isFalse();
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isZero();
    assertThat(Runtimes.create("cluster", spec.base().settings(), s -> {})).isInstanceOf(ClusterRuntime.class);
  }

  @Test
  void badClusterValues_getOneLineNamingTheKey() {
    assertThatThrownBy(() -> load("cluster.seed-nodes=[\"localhost\"]"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("key 'peerlab.cluster.seed-nodes'")
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> load("cluster.seed-nodes=[\"127.0.0.1:0\"]"))
        .hasMessageStartingWith("key 'peerlab.cluster.seed-nodes'")
        .hasMessageContaining("fixed port");
    assertThatThrownBy(() -> load("cluster.nodes=0")).hasMessageStartingWith("key 'peerlab.cluster.nodes'");
    assertThatThrownBy(() -> load("cluster.port=70000")).hasMessageStartingWith("key 'peerlab.cluster.port'");
    assertThatThrownBy(() -> load("cluster.join-timeout=0s")).hasMessageStartingWith("key 'peerlab.cluster.join-timeout'");
    assertThatThrownBy(() -> load("cluster.nodez=2")).hasMessageContaining("did you mean 'peerlab.cluster.nodes'");
    assertThatThrownBy(() -> load("runtime=clustre")).hasMessageContaining("sim, local, cluster");
  }

  @Test
  void tls_isOffByDefault_andAFolderWithoutKeysIsOneLineNamingTheKey(@TempDir Path dir) {
    assertThat(load("runtime=cluster").base().settings().get(ClusterSettings.class).tlsDir()).isEmpty();
    assertThatThrownBy(() -> load("runtime=cluster", "cluster.tls=\"" + dir + "\""))
        .hasMessageStartingWith("key 'peerlab.cluster.tls'").hasMessageContaining("peerlab tls-init");
    ClusterTls.init(dir.resolve("tls"), false);
    ClusterSettings c = load("runtime=cluster", "cluster.tls=\"" + dir.resolve("tls") + "\"")
        .base().settings().get(ClusterSettings.class);
    assertThat(c.tlsDir()).contains(dir.resolve("tls"));
  }

  @Test
  void chunksLargerThanAnArteryFrame_areRefusedOnTheClusterOnly() {
    assertThatThrownBy(() -> load("runtime=cluster", "objects.size=64MiB", "objects.chunk-size=8MiB"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("key 'peerlab.objects.chunk-size'")
        .hasMessageContaining("4MiB");
    assertThat(load("runtime=local", "objects.size=64MiB", "objects.chunk-size=8MiB").runtime()).isEqualTo("local");
  }
}
