package io.fedgate.sip;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The message, translation and session packages are pure (STYLE.md "Protocol code"): no JAIN-SIP,
 * no sockets or files, no threads. {@code java.net.IDN} (a pure string conversion) is the only
 * class of {@code java.net} they may use.
 */
class PurityTest {
  private static final JavaClasses PURE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(
              "io.fedgate.sip.message", "io.fedgate.sip.translate", "io.fedgate.sip.session");

  @Test
  void pureSipPackagesUseNoStackIoOrThreads() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javax.sip..",
            "gov.nist..",
            "java.nio.channels..",
            "java.nio.file..",
            "javax.net..",
            "org.slf4j..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(
            Thread.class,
            java.io.File.class,
            java.net.Socket.class,
            java.net.InetAddress.class,
            java.util.concurrent.Executor.class)
        .because("translation and state machines are pure functions; the adapter does I/O")
        .check(PURE);
  }

  @Test
  void pureSipPackagesUseNoOtherJavaNetClassThanIdn() {
    noClasses()
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "java.net other than IDN",
                c -> c.getPackageName().equals("java.net") && !c.getSimpleName().equals("IDN")))
        .check(PURE);
  }
}
