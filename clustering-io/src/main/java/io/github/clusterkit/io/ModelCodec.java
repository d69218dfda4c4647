package io.github.clusterkit.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps one kind of model to and from its JSON parameters and state. Implementations are listed explicitly
 * in {@link ModelFiles}; a file names a kind, never a class.
 *
 * @param <T> the model type
 */
interface ModelCodec<T> {

  JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** @return the kind written into files, e.g. {@code "pipeline"} */
  String kind();

  /** @return the model class */
  Class<T> type();

  /** Writes the model's configuration parameters. */
  ObjectNode parameters(T model);

  /** Writes the model's fitted state. */
  ObjectNode state(T model);

  /** Rebuilds the model, validating everything; throws IllegalArgumentException naming the path. */
  T read(JsonIn parameters, JsonIn state);
}
