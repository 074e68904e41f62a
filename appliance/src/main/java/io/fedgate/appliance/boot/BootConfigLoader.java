package io.fedgate.appliance.boot;

import io.fedgate.core.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Reads the boot file (Java properties, or XML when the name ends in {@code .xml}) through Apache
 * Commons Configuration 2 and validates it. Reading writes nothing; every problem is reported at
 * once and nothing is corrected.
 */
public final class BootConfigLoader {

  /** Either a valid configuration or the full list of problems. */
  public record Result(Optional<BootConfig> config, List<ConfigProblem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public BootConfig orElseThrow() {
      return config.orElseThrow(
          () -> new IllegalStateException("invalid boot config: " + problems));
    }
  }

  /**
   * @param file the boot file, or empty for the embedded defaults
   * @param dataDirOverride the {@code --data-dir} flag, which wins over {@code data.dir}
   */
  public Result load(Optional<Path> file, Optional<Path> dataDirOverride) {
    List<ConfigProblem> problems = new ArrayList<>();
    Configuration source =
        file.map(f -> read(f, problems))
            .orElseGet(() -> new MapConfiguration(new java.util.HashMap<String, Object>()));
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    checkUnknownKeys(source, problems);
    BootConfigReader reader = new BootConfigReader(source, problems);
    BootConfig config = reader.read(dataDirOverride);
    new BootConfigValidator(problems).validate(config);
    return problems.isEmpty()
        ? new Result(Optional.of(config), problems)
        : new Result(Optional.empty(), problems);
  }

  private static Configuration read(Path file, List<ConfigProblem> problems) {
    try {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problems.add(new ConfigProblem("--config", "cannot read boot file " + file));
        return null;
      }
      Configurations configurations = new Configurations();
      return file.getFileName().toString().toLowerCase().endsWith(".xml")
          ? configurations.xml(file.toFile())
          : configurations.properties(file.toFile());
    } catch (ConfigurationException | InvalidPathException e) {
      problems.add(new ConfigProblem("--config", "cannot parse " + file + ": " + rootMessage(e)));
      return null;
    }
  }

  private static void checkUnknownKeys(Configuration source, List<ConfigProblem> problems) {
    for (Iterator<String> it = source.getKeys(); it.hasNext(); ) {
      String key = it.next();
      if (BootKeys.find(key).isEmpty()) {
        problems.add(new ConfigProblem(key, "unknown key" + suggestion(key)));
      }
    }
  }

  private static String suggestion(String key) {
    return BootKeys.all().stream()
        .map(ConfigKey::key)
        .filter(k -> distance(k, key) <= 3)
        .findFirst()
        .map(k -> " (did you mean " + k + "?)")
        .orElse(" (see docs/config-reference.md)");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      prev = cur;
    }
    return prev[b.length()];
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
