package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict, path-aware reading of a parsed model document: every accessor checks presence and type and
 * raises an {@link IllegalArgumentException} naming the JSON path ({@code state.steps[1].means[3]}), so no
 * malformed document can cause a NullPointerException, ClassCastException or index error downstream.
 */
final class JsonIn {

  private final JsonNode node;
  private final String path;

  JsonIn(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  IllegalArgumentException error(String message) {
    return new IllegalArgumentException("invalid model file at " + (path.isEmpty() ? "the top level" : path)
        + ": " + message);
  }

  private String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    String s = n.toString();
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  /** Rejects fields other than the given ones, and requires this node to be an object. */
  JsonIn only(String... fields) {
    if (!node.isObject()) {
      throw error("expected an object, got " + describe(node));
    }
    Set<String> allowed = new HashSet<>(Arrays.asList(fields));
    Iterator<String> it = node.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw error("unexpected field \"" + (f.length() > 40 ? f.substring(0, 37) + "..." : f)
            + "\"; expected only " + Arrays.toString(fields));
      }
    }
    return this;
  }

  private JsonNode field(String field) {
    if (!node.isObject()) {
      throw error("expected an object, got " + describe(node));
    }
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      throw error("missing field \"" + field + "\"");
    }
    return n;
  }

  JsonIn object(String field) {
    JsonNode n = field(field);
    if (!n.isObject()) {
      throw new JsonIn(n, child(field)).error("expected an object, got " + describe(n));
    }
    return new JsonIn(n, child(field));
  }

  List<JsonIn> array(String field) {
    JsonNode n = field(field);
    if (!n.isArray()) {
      throw new JsonIn(n, child(field)).error("expected an array, got " + describe(n));
    }
    List<JsonIn> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(new JsonIn(n.get(i), child(field) + "[" + i + "]"));
    }
    return out;
  }

  /** This node as an array of elements. */
  List<JsonIn> elements() {
    if (!node.isArray()) {
      throw error("expected an array, got " + describe(node));
    }
    List<JsonIn> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(new JsonIn(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  String string(String field) {
    JsonNode n = field(field);
    if (!n.isTextual()) {
      throw new JsonIn(n, child(field)).error("expected a string, got " + describe(n));
    }
    return n.textValue();
  }

  /** Whether this node is a string. */
  boolean isText() {
    return node.isTextual();
  }

  /** This node as a string. */
  String text() {
    if (!node.isTextual()) {
      throw error("expected a string, got " + describe(node));
    }
    return node.textValue();
  }

  long integer(String field, long min, long max) {
    JsonNode n = field(field);
    return new JsonIn(n, child(field)).integerValue(min, max);
  }

  long integerValue(long min, long max) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw error("expected an integer, got " + describe(node));
    }
    long v = node.longValue();
    if (v < min || v > max) {
      throw error("must be in [" + min + ", " + max + "], got " + v);
    }
    return v;
  }

  boolean bool(String field) {
    JsonNode n = field(field);
    if (!n.isBoolean()) {
      throw new JsonIn(n, child(field)).error("expected true or false, got " + describe(n));
    }
    return n.booleanValue();
  }

  double number(String field) {
    return new JsonIn(field(field), child(field)).numberValue();
  }

  /** This node as a finite double. */
  double numberValue() {
    if (!node.isNumber()) {
      throw error("expected a number, got " + describe(node));
    }
    double v = node.doubleValue();
    if (!Double.isFinite(v)) {
      // JSON has no infinite number (and the parser accepts no NaN): the literal was beyond the double range,
      // and the parsed node no longer holds its text
      throw error("must be a finite number, got a number beyond the double range (magnitude above "
          + Double.MAX_VALUE + ")");
    }
    return v;
  }

  double[] numbers(String field) {
    return value(field).numbersValue();
  }

  /** This node as an array of finite numbers (no per-element objects: model arrays can be long). */
  double[] numbersValue() {
    if (!node.isArray()) {
      throw error("expected an array, got " + describe(node));
    }
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = node.get(i);
      double v = e.doubleValue();
      if (!e.isNumber() || !Double.isFinite(v)) {
        v = new JsonIn(e, path + "[" + i + "]").numberValue();
      }
      out[i] = v;
    }
    return out;
  }

  int[] integers(String field, int min, int max) {
    JsonIn a = value(field);
    if (!a.node.isArray()) {
      throw a.error("expected an array, got " + describe(a.node));
    }
    int[] out = new int[a.node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = a.node.get(i);
      if (e.isInt() && e.intValue() >= min && e.intValue() <= max) {
        out[i] = e.intValue();
      } else {
        out[i] = (int) new JsonIn(e, a.path + "[" + i + "]").integerValue(min, max);
      }
    }
    return out;
  }

  boolean[] booleans(String field) {
    JsonIn a = value(field);
    if (!a.node.isArray()) {
      throw a.error("expected an array, got " + describe(a.node));
    }
    boolean[] out = new boolean[a.node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = a.node.get(i);
      if (!e.isBoolean()) {
        throw new JsonIn(e, a.path + "[" + i + "]").error("expected true or false, got " + describe(e));
      }
      out[i] = e.booleanValue();
    }
    return out;
  }

  /**
   * Whether an optional field is present (a field added to the format later, absent from the files written before
   * it); a field present as {@code null} counts as present, and its accessor then reports it missing.
   */
  boolean has(String field) {
    if (!node.isObject()) {
      throw error("expected an object, got " + describe(node));
    }
    return node.has(field);
  }

  /** The field, present and not null, whatever its type. */
  JsonIn value(String field) {
    return new JsonIn(field(field), child(field));
  }

  /** @return the number of elements if this node is an array */
  int size() {
    if (!node.isArray()) {
      throw error("expected an array, got " + describe(node));
    }
    return node.size();
  }

  List<String> strings(String field) {
    List<JsonIn> a = array(field);
    List<String> out = new ArrayList<>(a.size());
    for (JsonIn e : a) {
      out.add(e.text());
    }
    return out;
  }

  /** A rectangular matrix: an array of {@code rows} arrays of {@code cols} finite numbers, row-major. */
  double[] matrix(String field, int rows, int cols) {
    return value(field).matrixValue(rows, cols);
  }

  /** This node as a rectangular matrix of {@code rows} arrays of {@code cols} finite numbers, row-major. */
  double[] matrixValue(int rows, int cols) {
    if (!node.isArray()) {
      throw error("expected an array, got " + describe(node));
    }
    if (node.size() != rows) {
      throw error("expected " + rows + (rows == 1 ? " row" : " rows") + ", got " + node.size());
    }
    // Check every row's length before allocating, so the allocation is bounded by the document's size.
    for (int i = 0; i < rows; i++) {
      JsonNode r = node.get(i);
      if (!r.isArray()) {
        throw new JsonIn(r, path + "[" + i + "]").error("expected an array, got " + describe(r));
      }
      if (r.size() != cols) {
        throw new JsonIn(r, path + "[" + i + "]").error("expected " + cols + (cols == 1 ? " value" : " values")
            + ", got " + r.size());
      }
    }
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      JsonNode r = node.get(i);
      for (int j = 0; j < cols; j++) {
        JsonNode e = r.get(j);
        double v = e.doubleValue();
        if (!e.isNumber() || !Double.isFinite(v)) {
          v = new JsonIn(e, path + "[" + i + "][" + j + "]").numberValue();
        }
        out[i * cols + j] = v;
      }
    }
    return out;
  }

  /** Wraps a validation failure of the library (an {@code of(...)} factory) with this path. */
  IllegalArgumentException invalid(IllegalArgumentException e) {
    return new IllegalArgumentException("invalid model file at " + (path.isEmpty() ? "the top level" : path)
        + ": " + e.getMessage(), e);
  }
}
