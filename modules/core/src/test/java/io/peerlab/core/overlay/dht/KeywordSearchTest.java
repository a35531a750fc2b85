package io.peerlab.core.overlay.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerlab.core.id.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordSearchTest {
  private static final Key A = Key.of(1);
  private static final Key B = Key.of(2);
  private static final Key C = Key.of(3);

  @Test
  void answer_intersectsThePostingListsOfEveryKeyword() {
    KeywordSearch s = new KeywordSearch(7, List.of("x", "y"));
    assertThat(s.answer(List.of(C, A, B), 3)).isFalse();
    assertThat(s.answer(List.of(B, C), 5)).isTrue();
    assertThat(s.result()).containsExactly(B, C);
    assertThat(s.hops()).isEqualTo(5);
  }

  @Test
  void answer_anEmptyListEmptiesTheResult() {
    KeywordSearch s = new KeywordSearch(7, List.of("x", "y"));
    s.answer(List.of(), 2);
    s.answer(List.of(A), 1);
    assertThat(s.done()).isTrue();
    assertThat(s.result()).isEmpty();
  }

  @Test
  void keywords_areQueriedOnceEach() {
    assertThat(new KeywordSearch(1, List.of("x", "y", "x")).keywords()).containsExactly("x", "y");
    assertThatThrownBy(() -> new KeywordSearch(1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
