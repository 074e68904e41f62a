package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedgate demo --exit}: the README's demo (XMPP S2S and a Lync-dialect SIP peer), in this
 * JVM.
 */
class DemoIT {
  @TempDir Path temp;

  @Test
  void twoAppliancesAndALyncDomainExchangeImAndPresence() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path dir = temp.resolve("demo");

    int exit =
        FedgateCli.execute(
            new String[] {"demo", "--exit", "--dir", dir.toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true));

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains(
            "demo: ok   subscriptions approved both ways",
            "demo: ok   bob received alice's message",
            "demo: ok   alice received bob's reply",
            "demo: ok   alice sees bob away",
            "demo: ok   alice received carol's Lync message",
            "demo: ok   alice received the session's first message",
            "demo: ok   carol (Lync) received alice's message over SIP",
            "demo: ok   carol sees alice available (NOTIFY with PIDF)",
            "demo: ok   alice sees carol available",
            "demo: every step worked.")
        .containsPattern("a\\.demo\\.test\\s+admin https://127\\.0\\.0\\.1:\\d+\\s+user admin")
        .containsPattern(
            "stanzas counted by a\\.demo\\.test: XMPP S2S [^;]*from b\\.demo\\.test [1-9]\\d*[^;]*"
                + "to b\\.demo\\.test [1-9]\\d*; SIP [^;]*from lync\\.demo\\.test [1-9]\\d*[^;]*"
                + "to lync\\.demo\\.test [1-9]");
  }

  @Test
  void aDirectoryThatIsNotADemoDirectoryIsLeftAlone() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("precious"));
    Files.writeString(dir.resolve("notes.txt"), "keep me");
    StringWriter err = new StringWriter();

    int exit =
        FedgateCli.execute(
            new String[] {"demo", "--exit", "--dir", dir.toString()},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("is not a fedgate demo directory");
    assertThat(dir.resolve("notes.txt")).hasContent("keep me");
  }
}
