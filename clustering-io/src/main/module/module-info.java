/**
 * clusterkit's CSV input ({@code Csv}, {@code CsvOptions}) and versioned JSON model files ({@code ModelFiles}).
 * Requires clustering-core (an automatic module, read transitively: the types this module's API takes and gives
 * are core's), FastCSV and Jackson, which an application on the module path then resolves without naming them.
 */
module io.github.clusterkit.io {
  requires transitive io.github.clusterkit.core;
  requires de.siegmar.fastcsv;
  requires com.fasterxml.jackson.databind;

  exports io.github.clusterkit.io;
}
