package io.fedgate.xmpp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol packages stay pure; only the adapters know Netty, Aalto and sockets. */
class XmppLayeringTest {
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.fedgate.xmpp");

  @Test
  void protocolPackagesDoNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.fedgate.xmpp.stream..",
            "io.fedgate.xmpp.sasl..",
            "io.fedgate.xmpp.c2s..",
            "io.fedgate.xmpp.s2s..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "com.fasterxml.aalto..",
            "javax.xml.stream..",
            "java.net..",
            "javax.net..",
            "java.nio.channels..",
            "io.fedgate.xmpp.netty..",
            "io.fedgate.xmpp.aalto..",
            "io.fedgate.xmpp.dns..",
            "org.xbill..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(Thread.class)
        .because("protocol decisions are pure; the netty and aalto adapters do the I/O")
        .check(PRODUCTION);
  }

  @Test
  void theParserAdapterKnowsNoNetty() {
    noClasses()
        .that()
        .resideInAPackage("io.fedgate.xmpp.aalto..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..", "io.fedgate.xmpp.netty..", "io.fedgate.xmpp.c2s..")
        .check(PRODUCTION);
  }
}
