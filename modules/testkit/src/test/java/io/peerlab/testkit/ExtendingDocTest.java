package io.peerlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/extending.md never goes stale: every code block marked {@code <!-- include: PATH -->} is,
 * character for character, the file at PATH, which the build compiles and tests.
 */
class ExtendingDocTest {
  static final Path ROOT = Path.of("../..");

  @Test
  void everyIncludedBlock_isTheFileItNames() throws IOException {
    String page = Files.readString(ROOT.resolve("docs/extending.md"));
    Matcher m = Pattern.compile("<!-- include: (\\S+) -->\n```\\w*\n(.*?)```\n", Pattern.DOTALL).matcher(page);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      assertThat(m.group(2)).as(m.group(1)).isEqualTo(Files.readString(ROOT.resolve(m.group(1))));
    }
    assertThat(blocks).isGreaterThanOrEqualTo(7);
  }
}
