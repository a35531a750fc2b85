package io.peerlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core is sans-IO (docs/architecture.md): no actor runtime, no wall clock, no global random
 * stream. The enforcer plugin bans Pekko as a dependency; this test bans the calls.
 */
class CoreRulesTest {
  private static final List<Pattern> FORBIDDEN =
      List.of(
          Pattern.compile("import\\s+org\\.apache\\.pekko"),
          Pattern.compile("import\\s+akka\\."),
          Pattern.compile("System\\.(nanoTime|currentTimeMillis)\\s*\\("),
          Pattern.compile("Instant\\.now\\s*\\("),
          Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\("),
          Pattern.compile("Math\\.random\\s*\\("),
          Pattern.compile("ThreadLocalRandom"),
          Pattern.compile("Thread\\.sleep\\s*\\("),
          Pattern.compile("import\\s+java\\.(io\\.File|nio\\.file)"));

  @Test
  void coreSources_useNoActorRuntimeClockGlobalRandomOrFiles() throws IOException {
    Path src = Path.of("src/main/java");
    assertThat(src).isDirectory();
    List<String> violations = new ArrayList<>();
    int files = 0;
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
        files++;
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          for (Pattern pattern : FORBIDDEN) {
            if (pattern.matcher(lines.get(i)).find()) {
              violations.add(p + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertThat(files).isGreaterThan(20);
    assertThat(violations).isEmpty();
  }

  @Test
  void peerPackage_getsItsTopologyAndTransferFromTheSpec_notFromTheRegistries() throws IOException {
    Path peer = Path.of("src/main/java/io/peerlab/core/peer");
    List<String> offending = new ArrayList<>();
    try (Stream<Path> s = Files.walk(peer)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (Files.readString(p).contains("import io.peerlab.core.run.")) {
          offending.add(p.toString());
        }
      }
    }
    assertThat(offending).isEmpty();
  }
}
