package io.github.clusterkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import picocli.CommandLine;

/**
 * {@code --gap [B]}: its optional count is the next argument exactly when that is a number, whatever the number
 * (in range or not: the range is checked later, with the command's message) and whatever the file name, attached
 * ({@code --gap=B}) or not, before or after the file; alone it is 20 (Assessment.DEFAULT_REFERENCE_SETS). Parsing
 * only: no segmentation runs.
 */
class CliGapCountPropertiesTest {

  private static Cli.SegmentCommand parse(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Cli.SegmentCommand c = new Cli.SegmentCommand(sink, sink, false);
    new CommandLine(c).parseArgs(args);
    return c;
  }

  /** File names as people write them: a letter, then letters, digits, dots, dashes and underscores. */
  @Provide
  Arbitrary<String> fileNames() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .withChars('.', '-', '_').ofMinLength(0).ofMaxLength(12)
        .flatMap(rest -> Arbitraries.chars().range('a', 'z').map(first -> first + rest + ".csv"));
  }

  /** Random cases only (the edge cases outnumber the tries, which jqwik logs): the edges are the test below. */
  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void aNumberIsTheCountAndAFileStaysTheFile(@ForAll @IntRange(min = -100, max = 100_000) int b,
      @ForAll("fileNames") String file, @ForAll boolean attached, @ForAll boolean fileFirst) {
    String[] gap = attached ? new String[] {"--gap=" + b} : new String[] {"--gap", Integer.toString(b)};
    String[] args = new String[gap.length + 1];
    System.arraycopy(gap, 0, args, fileFirst ? 1 : 0, gap.length);
    args[fileFirst ? 0 : gap.length] = file;
    Cli.SegmentCommand c = parse(args);
    assertEquals(Integer.valueOf(b), c.gap);
    assertEquals(Path.of(file), c.file);
  }

  /** The edges: zero, signs, the largest int, a count equal to the default. */
  @Example
  void edgeCountsAreTakenAsWritten() {
    for (String b : new String[] {"0", "-1", "+5", "20", "2147483647", "-2147483648"}) {
      assertEquals(Integer.valueOf(b), parse("--gap", b, "a.csv").gap, b);
      assertEquals(Integer.valueOf(b), parse("a.csv", "--gap=" + b).gap, b);
      assertEquals(Path.of("a.csv"), parse("--gap", b, "a.csv").file, b);
    }
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void aloneItIsTwentyAndTheFileIsKept(@ForAll("fileNames") String file, @ForAll boolean fileFirst) {
    Cli.SegmentCommand c = fileFirst ? parse(file, "--gap") : parse("--gap", file);
    assertEquals(Integer.valueOf(20), c.gap);
    assertEquals(Path.of(file), c.file);
    Cli.SegmentCommand none = parse(file);
    assertNull(none.gap, "--gap not given: off");
    assertEquals(0, none.stability, "--stability not given: off");
  }
}
