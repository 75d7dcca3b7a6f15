package io.tokenlens.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds the command line of a child JVM running from a directory of jars. */
final class JavaCommand {
  private JavaCommand() {}

  /** The java executable of the running JVM, so children use the same Java. */
  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** A classpath of every jar in {@code libDir}, plus extra entries in front. */
  static String classpath(Path libDir, Path... extra) throws IOException {
    if (!Files.isDirectory(libDir)) {
      throw new IOException("missing " + libDir + ": build first with ./mvnw -DskipTests package");
    }
    List<String> entries = new ArrayList<>();
    for (Path p : extra) {
      entries.add(p.toString());
    }
    try (Stream<Path> jars = Files.list(libDir)) {
      jars.filter(p -> p.toString().endsWith(".jar"))
          .sorted()
          .forEach(p -> entries.add(p.toString()));
    }
    return String.join(File.pathSeparator, entries);
  }

  static List<String> command(
      String heap, String classpath, String mainClass, List<String> jvmArgs, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.add("-Xmx" + heap);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }
}
