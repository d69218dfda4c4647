package io.github.clusterkit.bench;

import elki.database.relation.Relation;
import elki.result.Metadata;
import elki.utilities.datastructures.iterator.It;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs an ELKI algorithm so that nothing it attaches to the relation outlives the call. ELKI 0.8.0's
 * {@code QueryBuilder.precomputed()} (called by the {@code run(Relation)} of PAM and its relatives, and by LOF)
 * registers the distance matrix or kNN lists it materializes as a child of the relation, where every later query on
 * that relation finds and reuses it: left in place, the second and later shots of a benchmark (and every shot after
 * a check in {@code @Setup}) would skip the computation the first one paid for. Removing what the call attached makes
 * every shot do the whole work, as a user's single call does.
 */
final class ElkiFresh {

  private ElkiFresh() {}

  /**
   * @param relation the relation the algorithm runs on
   * @param run the call
   * @param <T> its result
   * @return the call's result, after every child the call attached to {@code relation} has been removed
   */
  static <T> T run(Relation<?> relation, Supplier<T> run) {
    List<Object> before = children(relation);
    try {
      return run.get();
    } finally {
      for (Object child : children(relation)) {
        if (!before.contains(child)) {
          Metadata.hierarchyOf(relation).removeChild(child);
        }
      }
    }
  }

  /** The relation's children in ELKI's metadata hierarchy (indexes and materialized queries). */
  static List<Object> children(Relation<?> relation) {
    List<Object> out = new ArrayList<>();
    for (It<Object> it = Metadata.hierarchyOf(relation).iterChildren(); it.valid(); it.advance()) {
      out.add(it.get());
    }
    return out;
  }
}
