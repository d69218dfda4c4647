package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalDouble;

/** Writing model arrays as JSON arrays: flat row-major arrays become arrays of rows. */
final class Nodes {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Nodes() {}

  static ArrayNode numbers(double[] values) {
    return numbers(values, 0, values.length);
  }

  static ArrayNode numbers(double[] values, int from, int to) {
    ArrayNode a = NODES.arrayNode(to - from);
    for (int i = from; i < to; i++) {
      a.add(values[i]);
    }
    return a;
  }

  static ArrayNode integers(int[] values) {
    ArrayNode a = NODES.arrayNode(values.length);
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  static ArrayNode booleans(boolean[] values) {
    ArrayNode a = NODES.arrayNode(values.length);
    for (boolean v : values) {
      a.add(v);
    }
    return a;
  }

  /** {@code rows} arrays of {@code cols} numbers from a row-major array, starting at {@code from}. */
  static ArrayNode matrix(double[] values, int from, int rows, int cols) {
    ArrayNode a = NODES.arrayNode(rows);
    for (int r = 0; r < rows; r++) {
      int o = from + r * cols;
      a.add(numbers(values, o, o + cols));
    }
    return a;
  }

  /**
   * The name of an enum constant in a file, from a fixed table (never {@code Enum.valueOf} of file
   * content, so renaming a constant cannot change the format silently).
   */
  static <E extends Enum<E>> String name(E value, E[] constants, String[] names) {
    for (int i = 0; i < constants.length; i++) {
      if (constants[i] == value) {
        return names[i];
      }
    }
    throw new IllegalStateException("no file name for " + value);
  }

  /** The enum constant a file names, from the same table; an unknown name fails with the path. */
  static <E extends Enum<E>> E constant(JsonIn in, String field, E[] constants, String[] names) {
    String s = in.string(field);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(s)) {
        return constants[i];
      }
    }
    throw in.value(field).error("expected one of " + java.util.Arrays.toString(names) + ", got \""
        + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"");
  }

  /** An outlier detector's contamination as its parameters hold it: {@code "auto"} when empty, else the share. */
  static void putContamination(ObjectNode parameters, OptionalDouble contamination) {
    if (contamination.isPresent()) {
      parameters.put("contamination", contamination.getAsDouble());
    } else {
      parameters.put("contamination", "auto");
    }
  }

  /**
   * The contamination of an outlier detector's parameters: {@code "auto"} (empty) or a number in {@code (0, 0.5]};
   * anything else fails with the field's path.
   */
  static OptionalDouble contamination(JsonIn parameters) {
    JsonIn c = parameters.value("contamination");
    if (c.isText()) {
      if (!"auto".equals(c.text())) {
        throw c.error("expected \"auto\" or a number in (0, 0.5], got \"" + c.text() + "\"");
      }
      return OptionalDouble.empty();
    }
    double v = c.numberValue();
    if (!(v > 0 && v <= 0.5)) {
      throw c.error("expected \"auto\" or a number in (0, 0.5], got " + v);
    }
    return OptionalDouble.of(v);
  }
}
