package dev.ferry.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the workflows module form layers: the wire records and rules the migration
 * workflow is built from never refer back to it, and no two packages depend on each other in a
 * circle. Reads the sources, so a failure names the file and line that breaks the rule.
 */
class PackageLayersTest {
  /** Tests run with the module as working directory. */
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "ferry");

  private static final String MIGRATION = "migration";

  /** The packages {@code dev.ferry.migration} is built on: none of them may refer to it. */
  private static final List<String> BELOW_MIGRATION =
      List.of(
          "failure",
          "validation",
          "reconcile",
          "disk",
          "convergence",
          "options",
          "plan",
          "control",
          "policy");

  /** Any mention of a ferry package: import, static import or a qualified name in the text. */
  private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.ferry\\.([a-z][a-z0-9_]*)\\.");

  @Test
  void noPackageBelowTheMigrationRefersToIt() throws IOException {
    Map<String, List<Path>> packages = sourcesByPackage();
    List<String> offenders = new ArrayList<>();
    for (String below : BELOW_MIGRATION) {
      List<Path> files = packages.get(below);
      assertTrue(
          files != null && !files.isEmpty(),
          "package dev.ferry." + below + " has no sources under " + SOURCES.toAbsolutePath());
      for (Path file : files) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = REFERENCE.matcher(lines.get(i));
          while (m.find()) {
            if (m.group(1).equals(MIGRATION)) {
              offenders.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    assertEquals(
        List.of(),
        offenders,
        "these packages sit below dev.ferry.migration and must not refer to it: "
            + BELOW_MIGRATION);
  }

  @Test
  void packagesDependOnEachOtherWithoutACycle() throws IOException {
    Map<String, List<Path>> packages = sourcesByPackage();
    assertTrue(packages.size() > 5, "too few packages found: " + packages.keySet());
    // package -> package it refers to -> the first file that does
    Map<String, Map<String, String>> edges = new TreeMap<>();
    for (Map.Entry<String, List<Path>> pkg : packages.entrySet()) {
      Map<String, String> out = edges.computeIfAbsent(pkg.getKey(), k -> new TreeMap<>());
      for (Path file : pkg.getValue()) {
        Matcher m = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          String target = m.group(1);
          if (!target.equals(pkg.getKey()) && packages.containsKey(target)) {
            out.putIfAbsent(target, SOURCES.relativize(file).toString());
          }
        }
      }
    }
    Set<String> done = new HashSet<>();
    for (String start : edges.keySet()) {
      List<String> cycle = cycleFrom(start, edges, new ArrayList<>(), done);
      if (cycle != null) {
        StringBuilder text = new StringBuilder("package cycle:");
        for (int i = 0; i + 1 < cycle.size(); i++) {
          String from = cycle.get(i);
          String to = cycle.get(i + 1);
          text.append("\n  ")
              .append(from)
              .append(" -> ")
              .append(to)
              .append(" (")
              .append(edges.get(from).get(to))
              .append(')');
        }
        fail(text.toString());
      }
    }
  }

  /** A cycle reachable from the package, as a path that ends where it starts; null if none. */
  private static List<String> cycleFrom(
      String pkg, Map<String, Map<String, String>> edges, List<String> path, Set<String> done) {
    int seen = path.indexOf(pkg);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(pkg);
      return cycle;
    }
    if (done.contains(pkg)) {
      return null;
    }
    path.add(pkg);
    for (String next : edges.getOrDefault(pkg, Map.of()).keySet()) {
      List<String> cycle = cycleFrom(next, edges, path, done);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    done.add(pkg);
    return null;
  }

  /** The Java sources of each direct sub-package of {@code dev.ferry}, by its last name. */
  private static Map<String, List<Path>> sourcesByPackage() throws IOException {
    assertTrue(Files.isDirectory(SOURCES), "sources not found at " + SOURCES.toAbsolutePath());
    Map<String, List<Path>> packages = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue;
        }
        packages.computeIfAbsent(relative.getName(0).toString(), k -> new ArrayList<>()).add(file);
      }
    }
    return packages;
  }
}
