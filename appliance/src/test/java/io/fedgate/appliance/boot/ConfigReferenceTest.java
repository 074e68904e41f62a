package io.fedgate.appliance.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.params.ParameterCatalog;
import io.fedgate.appliance.params.ParameterDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every boot key and runtime parameter is documented in docs/config-reference.md. */
class ConfigReferenceTest {
  private static final Path REFERENCE = Path.of("..", "docs", "config-reference.md");

  @Test
  void everyBootKeyIsDocumentedWithItsDefault() throws IOException {
    String doc = Files.readString(REFERENCE);
    for (ConfigKey key : BootKeys.all()) {
      assertThat(doc).as("row of %s", key.key()).contains("| `" + key.key() + "` |");
      String row = row(doc, key.key());
      assertThat(row).as("default of %s", key.key()).contains(key.defaultValue());
    }
  }

  @Test
  void everyRuntimeParameterIsDocumented() throws IOException {
    String doc = Files.readString(REFERENCE);
    for (ParameterDefinition parameter : ParameterCatalog.all()) {
      String row = row(doc, parameter.name());
      assertThat(row)
          .as("live/restart of %s", parameter.name())
          .contains(parameter.live() ? "live" : "restart");
    }
  }

  private static String row(String doc, String key) {
    int start = doc.indexOf("| `" + key + "` |");
    assertThat(start).as("documented: %s", key).isNotNegative();
    return doc.substring(start, doc.indexOf('\n', start));
  }
}
