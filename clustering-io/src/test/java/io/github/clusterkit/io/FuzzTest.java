package io.github.clusterkit.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.clusterkit.internal.Rng;
import io.github.clusterkit.preprocess.PipelineModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile inputs: seeded byte mutations of valid CSV and model files, and re-signed random edits of a model
 * document's tree (which get past the checksum to the validation). The only exception allowed is
 * {@link IllegalArgumentException}; each input must be handled within a few seconds (no hang), and the
 * inputs stay small, so an out-of-memory error would mean an unbounded allocation.
 */
class FuzzTest {

  private static final String CSV = "id,Gender,\"Annual Income (k$)\",note\r\n"
      + "1,Male,15,\"a, \"\"quoted\"\"\r\nnote\"\r\n"
      + "2,Female,NA,plain\r\n"
      + "3,,1.5e3,\r\n"
      + "4,Female,-2,x\r\n";

  private static final byte[] MODEL = ModelFiles.toJson(ModelFilesTest.everyStep())
      .getBytes(StandardCharsets.UTF_8);

  private static final byte[] INTERESTING = "\",;\r\n\\{}[]:0-.eE9\u0000\"NA".getBytes(StandardCharsets.UTF_8);

  /** Applies 1 to 8 random mutations: flip, set to an interesting byte, insert, delete, duplicate, cut. */
  static byte[] mutate(byte[] in, long seed) {
    Rng rng = new Rng(seed);
    List<Byte> b = new ArrayList<>(in.length + 64);
    for (byte x : in) {
      b.add(x);
    }
    int count = 1 + rng.nextInt(8);
    for (int m = 0; m < count && !b.isEmpty(); m++) {
      int pos = rng.nextInt(b.size());
      switch (rng.nextInt(6)) {
        case 0:
          b.set(pos, (byte) (b.get(pos) ^ (1 << rng.nextInt(8))));
          break;
        case 1:
          b.set(pos, INTERESTING[rng.nextInt(INTERESTING.length)]);
          break;
        case 2:
          b.add(pos, INTERESTING[rng.nextInt(INTERESTING.length)]);
          break;
        case 3:
          b.remove(pos);
          break;
        case 4:
          int len = 1 + rng.nextInt(Math.min(16, b.size() - pos));
          b.addAll(pos, new ArrayList<>(b.subList(pos, pos + len)));
          break;
        default:
          b.subList(pos, b.size()).clear();
          break;
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }

  @Property(tries = 200)
  void csvReaderThrowsOnlyIllegalArgument(@ForAll long seed) throws IOException {
    byte[] bytes = mutate(CSV.getBytes(StandardCharsets.UTF_8), seed);
    Path f = Files.createTempFile("fuzz", ".csv");
    try {
      Files.write(f, bytes);
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
        try {
          Csv.read(f);
        } catch (IllegalArgumentException expected) {
          // the documented failure
        }
      });
    } finally {
      Files.delete(f);
    }
  }

  /** {@link PipelineOptionsFileTest#everyOption()}: every step option set, so mutations reach their fields too. */
  private static final byte[] OPTIONS = ModelFiles.toJson(PipelineOptionsFileTest.everyOption())
      .getBytes(StandardCharsets.UTF_8);

  @Property(tries = 200)
  void modelLoaderThrowsOnlyIllegalArgument(@ForAll long seed) {
    byte[] bytes = mutate(seed % 2 == 0 ? MODEL : OPTIONS, seed);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      try {
        ModelFiles.read(new ByteArrayInputStream(bytes), PipelineModel.class);
      } catch (IllegalArgumentException expected) {
        // the documented failure
      }
    });
  }

  /** Random values put at random places of the tree, re-signed: only validation stands in the way. */
  @Property(tries = 200)
  void reSignedTreeEditsThrowOnlyIllegalArgument(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int edits) {
    Rng rng = new Rng(seed);
    ObjectNode doc = ModelFiles.parse(rng.nextInt(2) == 0 ? MODEL : OPTIONS);
    for (int e = 0; e < edits; e++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(doc, containers);
      JsonNode target = containers.get(rng.nextInt(containers.size()));
      JsonNode value = randomValue(rng);
      if (target.isObject()) {
        ObjectNode o = (ObjectNode) target;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty() || rng.nextInt(5) == 0) {
          o.set("f" + rng.nextInt(3), value);
        } else if (rng.nextInt(4) == 0) {
          o.remove(names.get(rng.nextInt(names.size())));
        } else {
          o.set(names.get(rng.nextInt(names.size())), value);
        }
      } else {
        ArrayNode a = (ArrayNode) target;
        if (a.isEmpty() || rng.nextInt(4) == 0) {
          a.add(value);
        } else if (rng.nextInt(3) == 0) {
          a.remove(rng.nextInt(a.size()));
        } else {
          a.set(rng.nextInt(a.size()), value);
        }
      }
    }
    doc.put("checksum", ModelFiles.checksum(doc));
    String json = doc.toString();
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      try {
        PipelineModel m = ModelFiles.fromJson(json, PipelineModel.class);
        try {
          m.transform(ModelFilesTest.table());
        } catch (IllegalArgumentException expected) {
          // a valid but different model may not fit the table
        }
      } catch (IllegalArgumentException expected) {
        // the documented failure
      }
    });
  }

  static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      if (n.isObject()) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          collect(e.getValue(), out);
        }
      } else {
        for (JsonNode c : n) {
          collect(c, out);
        }
      }
    }
  }

  static JsonNode randomValue(Rng rng) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (rng.nextInt(12)) {
      case 0:
        return f.numberNode(-1.0);
      case 1:
        return f.numberNode(0.0);
      case 2:
        return f.numberNode(1e308);
      case 3:
        return f.numberNode(rng.nextGaussian());
      case 4:
        return f.numberNode(Long.MAX_VALUE);
      case 5:
        return f.textNode("numeric");
      case 6:
        return f.textNode("");
      case 7:
        return f.nullNode();
      case 8:
        return f.booleanNode(true);
      case 9:
        return f.arrayNode().add("income").add("income");
      case 10:
        return f.objectNode();
      default:
        return f.arrayNode().add(1.0).add(f.arrayNode());
    }
  }

  static {
    // Fail fast if the fixture itself is not a valid model (a fuzz test of a broken seed proves nothing).
    try {
      ModelFiles.read(new ByteArrayInputStream(MODEL), PipelineModel.class);
      ModelFiles.read(new ByteArrayInputStream(OPTIONS), PipelineModel.class);
      Csv.read(new java.io.StringReader(CSV), CsvOptions.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
