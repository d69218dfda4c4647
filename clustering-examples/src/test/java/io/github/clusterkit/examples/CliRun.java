package io.github.clusterkit.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command-line program with captured output (tests stay silent). */
final class CliRun {
  final int exit;
  final String out;
  final String err;

  CliRun(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  static CliRun of(String... args) {
    return of(false, args);
  }

  static CliRun of(boolean progress, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Cli.run(args, po, pe, progress);
    }
    return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
  }
}
