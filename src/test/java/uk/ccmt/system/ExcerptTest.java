package uk.ccmt.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExcerptTest {

  private static final String WHERE = "GET /api/partnering/P-1";

  @Test
  void shouldKeepAListThatFitsWhole() {
    assertThat(Excerpt.ofLines(List.of("NLE–BRG", "CWE–ABC"), WHERE)).isEqualTo("NLE–BRG\nCWE–ABC");
    assertThat(Excerpt.of(List.of("NLE", "BRG"), ", ", WHERE)).isEqualTo("NLE, BRG");
    assertThat(Excerpt.ofLines(List.of(), WHERE)).isEmpty();
  }

  @Test
  void shouldCutALongListAtAWholeLineAndSayHowManyMoreAndWhere() {
    List<String> pairs =
        IntStream.range(0, 300)
            .mapToObj(i -> String.format("ORG%03d–ORG%03d: challenger spread", i, i + 1))
            .toList();

    String excerpt = Excerpt.ofLines(pairs, WHERE);

    assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpt.LIMIT);
    List<String> lines = excerpt.lines().toList();
    int shown = lines.size() - 1;
    assertThat(lines.subList(0, shown)).isEqualTo(pairs.subList(0, shown));
    assertThat(lines.get(shown)).isEqualTo("… and " + (300 - shown) + " more: see " + WHERE);
    assertThat(excerpt.length() + pairs.get(shown).length() + 1)
        .as("no further line would fit")
        .isGreaterThan(Excerpt.LIMIT);
  }

  @Test
  void shouldCutACommaSeparatedListTheSameWay() {
    List<String> codes = IntStream.range(0, 400).mapToObj(i -> "ORG" + i).toList();

    String excerpt = Excerpt.of(codes, ", ", WHERE);

    assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpt.LIMIT);
    assertThat(excerpt)
        .startsWith("ORG0, ORG1, ORG2, ")
        .containsPattern(", … and \\d+ more: see " + WHERE + "$");
  }

  @Test
  void shouldShowTheStartOfAFirstItemTooLongToFit() {
    String excerpt = Excerpt.ofLines(List.of("x".repeat(5_000), "second"), WHERE);

    assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpt.LIMIT);
    assertThat(excerpt).startsWith("xxxx").endsWith("…\n… and 1 more: see " + WHERE);
  }

  @Test
  void shouldCutAFreeTextAtAWordAndSayWhereTheWholeIs() {
    String text = "word ".repeat(1_000);

    String excerpt = Excerpt.of(text, "the staff page");

    assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpt.LIMIT);
    assertThat(excerpt)
        .startsWith("word word")
        .endsWith("word…\nThe whole text: see the staff page");
    assertThat(Excerpt.of("short", "the staff page")).isEqualTo("short");
    assertThat(Excerpt.of((String) null, "the staff page")).isNull();
  }

  @Test
  void shouldNeverSplitACharacterStoredAsTwo() {
    String text = "a" + "😀".repeat(2_000);

    String excerpt = Excerpt.of(text, WHERE);

    assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpt.LIMIT);
    assertThat(
            excerpt.codePoints().noneMatch(codePoint -> codePoint >= 0xD800 && codePoint <= 0xDFFF))
        .isTrue();
  }
}
