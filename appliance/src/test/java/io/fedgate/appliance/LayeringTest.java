package io.fedgate.appliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md: the pure modules touch no sockets, files, threads, JDBC or
 * protocol libraries, and dependencies point one way (core <- policy <- adapters <- appliance).
 */
class LayeringTest {
  private static final String[] PURE = {
    "io.fedgate.core..", "io.fedgate.acl..", "io.fedgate.routes.."
  };
  private static final String[] FORBIDDEN_IN_PURE = {
    "java.net..",
    "java.nio.channels..",
    "java.nio.file..",
    "java.sql..",
    "javax.sql..",
    "javax.net..",
    "io.netty..",
    "javax.sip..",
    "gov.nist..",
    "org.bouncycastle.."
  };

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.fedgate");

  private static final ArchRule PURE_RULE =
      noClasses()
          .that()
          .resideInAnyPackage(PURE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FORBIDDEN_IN_PURE)
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(
              Thread.class,
              java.io.File.class,
              java.io.FileInputStream.class,
              java.io.FileOutputStream.class)
          .because("core, acl and static-routes are pure: time and I/O are injected");

  @Test
  void pureModulesDoNoIo() {
    PURE_RULE.check(PRODUCTION);
  }

  @Test
  void theRuleCatchesASocketInCore() {
    JavaClasses fixture =
        new ClassFileImporter().importClasses(io.fedgate.core.LayeringViolationFixture.class);

    assertThat(PURE_RULE.evaluate(fixture).hasViolation()).isTrue();
    assertThat(PURE_RULE.evaluate(fixture).getFailureReport().getDetails())
        .anyMatch(line -> line.contains("java.net.Socket"));
  }

  @Test
  void coreDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("io.fedgate.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fedgate.acl..",
            "io.fedgate.routes..",
            "io.fedgate.certstore..",
            "io.fedgate.sip..",
            "io.fedgate.xmpp..",
            "io.fedgate.tlsproxy..",
            "io.fedgate.appliance..")
        .check(PRODUCTION);
  }

  @Test
  void policyModulesDependOnlyOnCore() {
    noClasses()
        .that()
        .resideInAnyPackage("io.fedgate.acl..", "io.fedgate.routes..", "io.fedgate.certstore..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fedgate.sip..",
            "io.fedgate.xmpp..",
            "io.fedgate.tlsproxy..",
            "io.fedgate.appliance..")
        .allowEmptyShould(true)
        .check(PRODUCTION);
  }

  @Test
  void onlyTheApplianceComposes() {
    noClasses()
        .that()
        .resideInAnyPackage("io.fedgate.sip..", "io.fedgate.xmpp..", "io.fedgate.tlsproxy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fedgate.appliance..")
        .allowEmptyShould(true)
        .check(PRODUCTION);
  }
}
