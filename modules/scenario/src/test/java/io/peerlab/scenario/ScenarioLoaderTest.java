package io.peerlab.scenario;

import static io.peerlab.core.TestSpecs.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.workload.LoadMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLoaderTest {
  static final Path QUICKSTART = Path.of("../../config/scenarios/quickstart.conf");

  private static ScenarioSpec load(String hocon, String... overrides) {
    return ScenarioLoader.fromConfig(ConfigFactory.parseString(hocon), List.of(overrides), "test");
  }

  private static String problem(String hocon, String... overrides) {
    try {
      load(hocon, overrides);
    } catch (ScenarioException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a ScenarioException for: " + hocon + " " + List.of(overrides));
  }

  @Test
  void quickstart_loadsWithItsValues() {
    ScenarioSpec s = ScenarioLoader.load(QUICKSTART, List.of());
    RunSpec r = s.base();
    assertThat(s.name()).isEqualTo("quickstart");
    assertThat(s.runtime()).isEqualTo("local");
    assertThat(s.topologies()).containsExactly("client-server", "central-index");
    assertThat(r.peers()).isEqualTo(64);
    assertThat(r.servers()).isEqualTo(1);
    assertThat(r.network().latencyMinNanos()).isEqualTo(5 * MS);
    assertThat(r.network().latencyMaxNanos()).isEqualTo(25 * MS);
    assertThat(r.network().peer().uploadBytesPerSec()).isEqualTo(1024 * 1024);
    assertThat(r.objects().size()).isEqualTo(256 * 1024);
    assertThat(r.workload().mode()).isEqualTo(LoadMode.CLOSED);
    assertThat(r.workload().ops()).isEqualTo(2000);
    assertThat(r.settings().get(FetchSettings.class).window()).isEqualTo(4);
  }

  @Test
  void emptyScenario_takesEveryDefaultFromReferenceConf() {
    ScenarioSpec s = load("peerlab {}");
    assertThat(s.name()).isEqualTo("unnamed");
    assertThat(s.base().network().latencyMinNanos()).isEqualTo(10 * MS);
    assertThat(s.base().network().latencyMaxNanos()).isEqualTo(10 * MS);
    assertThat(s.effective().getInt("peers")).isEqualTo(64);
  }

  @Test
  void overrides_winOverTheFile_withOrWithoutThePrefix() {
    ScenarioSpec s =
        load("peerlab { peers = 10, servers = 1, workload.clients = 4 }", "peers=20",
            "peerlab.workload.ops=77", "network.latency=3ms", "topologies=[central-index]",
            "network.peer-upload=unlimited");
    assertThat(s.base().peers()).isEqualTo(20);
    assertThat(s.base().workload().ops()).isEqualTo(77);
    assertThat(s.base().network().latencyMaxNanos()).isEqualTo(3 * MS);
    assertThat(s.topologies()).containsExactly("central-index");
    assertThat(s.base().network().peer().uploadBytesPerSec()).isZero();
  }

  @Test
  void missingFile_isOneClearLine(@TempDir Path dir) {
    assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.conf"), List.of()))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("nope.conf")
        .hasMessageContaining("no such file");
  }

  @Test
  void syntaxError_namesTheFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("broken.conf");
    Files.writeString(f, "peerlab {\n  peers = 3\n  network { latency = \n");
    assertThatThrownBy(() -> ScenarioLoader.load(f, List.of()))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("broken.conf")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // unknown keys, with a suggestion where one is close
        "peerlab { peerz = 3 }|key 'peerlab.peerz': unknown key; did you mean 'peerlab.peers'?",
        "peerlab { network { latncy = 3ms } }|did you mean 'peerlab.network.latency'?",
        "peerlab { workload.mix { lookup = 0.5, search = 0.2, fetch = 0.2, store = 0.1 } }|key 'peerlab.workload.mix.store': unknown key",
        "peers = 3|key 'peers': unknown key: scenario keys live under the root 'peerlab'",
        // wrong types
        "peerlab { peers = lots }|key 'peerlab.peers': expected a whole number, got \"lots\"",
        "peerlab { peers = 64.5 }|key 'peerlab.peers': expected a whole number",
        "peerlab { deadline = soon }|key 'peerlab.deadline': expected a duration",
        "peerlab { objects.size = big }|key 'peerlab.objects.size': expected a size",
        "peerlab { network.enabled = maybe }|key 'peerlab.network.enabled': expected true or false",
        "peerlab { topologies = chord }|key 'peerlab.topologies': expected a list",
        // out of range
        "peerlab { peers = 0 }|key 'peerlab.peers': must be a whole number >= 1, got 0",
        "peerlab { workload.ops = -5 }|key 'peerlab.workload.ops': must be a whole number >= 1, got -5",
        "peerlab { objects.count = 0 }|key 'peerlab.objects.count': must be a whole number >= 1",
        "peerlab { deadline = 0s }|key 'peerlab.deadline': must be a duration > 0",
        "peerlab { network.latency = -1ms }|key 'peerlab.network.latency': must be a duration >= 0",
        "peerlab { network.loss = 1.5 }|key 'peerlab.network.loss': must be in [0, 1), got 1.5",
        "peerlab { network.peer-upload = 0 }|key 'peerlab.network.peer-upload': must be > 0 bytes per second",
        "peerlab { network.latency { min = 9ms, max = 2ms } }|key 'peerlab.network.latency': max must be >= min",
        "peerlab { servers = 64 }|key 'peerlab.servers': must be less than peerlab.peers (64), got 64",
        "peerlab { servers = 0 }|key 'peerlab.servers': must be >= 1 for topology client-server",
        "peerlab { workload.clients = 64 }|key 'peerlab.workload.clients': must be at most peers - servers (63)",
        "peerlab { workload { mode = open, rate = 0 } }|key 'peerlab.workload.rate': must be > 0",
        "peerlab { workload.query-keywords = 9 }|key 'peerlab.workload.query-keywords': must be at most",
        // unknown names
        "peerlab { topologies = [client-server, skynet] }|key 'peerlab.topologies': unknown topology 'skynet'; use client-server, central-index",
        "peerlab { topologies = [] }|key 'peerlab.topologies': must name at least one of",
        "peerlab { topologies = [central-index, central-index] }|'central-index' is listed twice",
        "peerlab { runtime = mainframe }|key 'peerlab.runtime': 'mainframe' is not allowed; use one of sim, local",
        "peerlab { transfer = carrier-pigeon }|key 'peerlab.transfer': 'carrier-pigeon' is not allowed",
        "peerlab { workload.mode = bursty }|key 'peerlab.workload.mode': 'bursty' is not allowed; use one of closed, open, flash-crowd",
        "peerlab { name = \"my scenario\" }|key 'peerlab.name': 'my scenario' may use only letters",
        // the structured overlays' defences (issue 16)
        "peerlab { topologies = [kademlia], kademlia.ids = cheap }|key 'peerlab.kademlia.ids': 'cheap' is not allowed; use one of free, costly",
        "peerlab { topologies = [kademlia], kademlia.disjoint-paths = 0 }|key 'peerlab.kademlia.disjoint-paths': must be a whole number >= 1, got 0",
        "peerlab { topologies = [chord], chord.check-progress = maybe }|key 'peerlab.chord.check-progress': expected true or false",
        // the mix
        "peerlab { workload.mix { lookup = 0.5, search = 0.2, fetch = 0.2 } }|key 'peerlab.workload.mix': shares must sum to 1, got 0.9",
        "peerlab { workload.mix { lookup = 1.5, search = 0, fetch = -0.5 } }|key 'peerlab.workload.mix.lookup': must be in [0, 1]",
      })
  void badInput_getsOneLineNamingTheKeyAndWhatIsAllowed(String hocon, String expected) {
    String message = problem(hocon);
    assertThat(message).contains(expected).doesNotContain("\n");
  }

  @Test
  void badOverride_isNamed() {
    assertThat(problem("peerlab {}", "peers")).contains("bad --set 'peers': expected key=value");
    assertThat(problem("peerlab {}", "peers=-1")).contains("key 'peerlab.peers'");
    assertThat(problem("peerlab {}", "nosuch.key=1")).contains("key 'peerlab.nosuch.key': unknown key");
  }

  @Test
  void everyReferenceKey_isDocumentedInScenariosMd() throws IOException {
    String doc = Files.readString(Path.of("../../docs/scenarios.md"));
    for (String key : ScenarioLoader.knownKeys()) {
      assertThat(doc).as("docs/scenarios.md documents %s", key).contains("`" + key + "`");
    }
  }
}
