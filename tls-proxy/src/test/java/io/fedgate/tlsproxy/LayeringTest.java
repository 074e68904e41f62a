package io.fedgate.tlsproxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** tls-proxy's place in the layering: no other gateway, and I/O only in the adapter packages. */
class LayeringTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.fedgate.tlsproxy");

  @Test
  void theProxyDependsOnNeitherFederationGatewayNorTheAppliance() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fedgate.sip..", "io.fedgate.xmpp..", "io.fedgate.appliance..")
        .check(CLASSES);
  }

  @Test
  void theModelAndTheInspectionAreFreeOfNettyAndFiles() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.fedgate.tlsproxy.config..",
            "io.fedgate.tlsproxy.acl..",
            "io.fedgate.tlsproxy.pat..",
            "io.fedgate.tlsproxy.sip..",
            "io.fedgate.tlsproxy.asa..",
            "io.fedgate.tlsproxy.status..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..", "java.nio.file..", "java.net..")
        .check(CLASSES);
  }
}
