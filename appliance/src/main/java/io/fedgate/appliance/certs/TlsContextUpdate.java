package io.fedgate.appliance.certs;

import io.fedgate.certstore.tls.CipherProfile;
import io.fedgate.certstore.tls.TlsContext;
import io.fedgate.core.config.ConfigProblem;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A change of a TLS context: each field is null when it stays as it is.
 *
 * @param protocols TLSv1.2 and/or TLSv1.3
 * @param cipherProfile MODERN, LYNC_COMPATIBLE or CUSTOM (any case)
 * @param cipherSuites the suites of a CUSTOM profile (JSSE names)
 * @param peerSubjects the peer subjects allowed on the context (each must exist); empty = any
 * @param disableEmptyTlsFragments "true" or "false"
 */
public record TlsContextUpdate(
    String description,
    List<String> protocols,
    String cipherProfile,
    List<String> cipherSuites,
    List<String> peerSubjects,
    String disableEmptyTlsFragments) {

  /** The context after the update, or the problems that stopped it. */
  public record Applied(TlsContext context, List<ConfigProblem> problems) {}

  /** Validates the update against the current context and the existing peer subjects. */
  public Applied applyTo(TlsContext current, List<String> knownSubjects, Instant now) {
    List<ConfigProblem> problems = new ArrayList<>();
    List<String> newProtocols = protocols == null ? current.protocols() : trimmed(protocols);
    if (newProtocols.isEmpty() || !TlsContext.ALLOWED_PROTOCOLS.containsAll(newProtocols)) {
      problems.add(
          new ConfigProblem(
              "protocols",
              "must be TLSv1.2 and/or TLSv1.3, not " + String.join(",", newProtocols)));
    }
    CipherProfile profile = profile(problems, current);
    List<String> suites = suites(profile, current);
    checkSuites(problems, profile, suites);
    List<String> subjects = peerSubjects == null ? current.peerSubjects() : trimmed(peerSubjects);
    subjects.stream()
        .filter(s -> !knownSubjects.contains(s))
        .forEach(
            s ->
                problems.add(
                    new ConfigProblem(
                        "peerSubjects",
                        "no TLS peer subject '"
                            + s
                            + "'; add it first with tls peer-subjects add")));
    String text = description == null ? current.description() : description.trim();
    if (text.length() > 255) {
      problems.add(new ConfigProblem("description", "at most 255 characters"));
    }
    boolean disable = flag(problems, current);
    if (!problems.isEmpty()) {
      return new Applied(null, problems);
    }
    return new Applied(
        new TlsContext(current.name(), text, newProtocols, profile, suites, subjects, disable, now),
        List.of());
  }

  private boolean flag(List<ConfigProblem> problems, TlsContext current) {
    if (disableEmptyTlsFragments == null) {
      return current.disableEmptyTlsFragments();
    }
    String text = disableEmptyTlsFragments.trim().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      problems.add(
          new ConfigProblem(
              "disableEmptyTlsFragments",
              "must be true or false, not '" + disableEmptyTlsFragments + "'"));
    }
    return Boolean.parseBoolean(text);
  }

  private CipherProfile profile(List<ConfigProblem> problems, TlsContext current) {
    if (cipherProfile == null) {
      return current.cipherProfile();
    }
    try {
      return CipherProfile.valueOf(cipherProfile.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      problems.add(
          new ConfigProblem(
              "cipherProfile",
              "'"
                  + cipherProfile
                  + "' is not a profile; use one of "
                  + Arrays.toString(CipherProfile.values())));
      return current.cipherProfile();
    }
  }

  private List<String> suites(CipherProfile profile, TlsContext current) {
    if (cipherSuites != null) {
      return trimmed(cipherSuites);
    }
    return profile == CipherProfile.CUSTOM && current.cipherProfile() == CipherProfile.CUSTOM
        ? current.cipherSuites()
        : List.of();
  }

  private static void checkSuites(
      List<ConfigProblem> problems, CipherProfile profile, List<String> suites) {
    if (profile == CipherProfile.CUSTOM && suites.isEmpty()) {
      problems.add(new ConfigProblem("cipherSuites", "the CUSTOM profile needs its cipher suites"));
    }
    if (profile != CipherProfile.CUSTOM && !suites.isEmpty()) {
      problems.add(
          new ConfigProblem(
              "cipherSuites", "cipher suites are listed for the CUSTOM profile only"));
    }
    Set<String> supported = supportedSuites();
    suites.stream()
        .filter(s -> !supported.contains(s))
        .forEach(
            s ->
                problems.add(
                    new ConfigProblem(
                        "cipherSuites", "'" + s + "' is not a cipher suite this JDK supports")));
  }

  private static Set<String> supportedSuites() {
    try {
      return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  private static List<String> trimmed(List<String> values) {
    return values.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
  }
}
