package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.tlsproxy.TlsProxyService;
import io.fedgate.certstore.testkit.TestFiles;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin pages in Debian's headless chromium, driven by Selenium through {@code
 * /usr/bin/chromedriver} (never a downloaded driver): log in, every page (one screenshot each under
 * {@code target/admin-screenshots/}), create and edit each object type, validation errors next to
 * their fields, script shown as text, a service stopped and started from the Control Center.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPagesBrowserIT {
  static final Path SCREENSHOTS = Paths.get("target", "admin-screenshots");
  static final String SCRIPT = "<script>document.title='pwned'</script>";
  static final String DIALBACK_SECRET = "browser-dialback-secret-1";

  /** Every listener of this test on its own loopback address (admin helper block), any port. */
  static final String BOOT =
      """
      listener.admin.address = 127.0.0.50
      listener.xmpp-s2s.address = 127.0.0.50
      listener.xmpp-s2s-direct-tls.address = 127.0.0.50
      listener.xmpp-s2s-direct-tls.port = 0
      listener.tls-proxy-outside.enabled = true
      listener.tls-proxy-outside.address = 127.0.0.50
      listener.tls-proxy-outside.port = 0
      listener.sip-peer-auth.address = 127.0.0.50
      """;

  Path temp;
  TestNode node;
  ChromeDriver browser;
  String base;
  int s2sPort;

  @BeforeAll
  void start() throws Exception {
    temp = Files.createTempDirectory("admin-pages-it");
    // the in-node TLS proxy's PAT table needs the peer-auth port before the SIP Proxy binds it;
    // the S2S port is known before XMPP federation starts, for a DNS override that points at it
    s2sPort = freePort();
    node =
        TestNode.start(
            temp.resolve("node"),
            BOOT
                + "listener.sip-peer-auth.port = "
                + freePort()
                + "\nlistener.xmpp-s2s.port = "
                + s2sPort
                + "\n");
    base = node.adminUrl().toString();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.setAcceptInsecureCerts(true); // the node's self-signed admin identity
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium")));
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void aWrongPasswordIsRefusedAndTheRightOneLogsIn() throws Exception {
    browser.get(base + "/admin/");
    assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
    shoot("login");

    login("admin", "not-the-password");
    assertThat(text("login-error")).contains("Wrong user name or password");

    login("admin", node.printedPassword().orElseThrow());
    assertThat(browser.getCurrentUrl()).endsWith("/admin/");
    assertThat(text("whoami")).isEqualTo("admin (administrator)");
  }

  @Test
  @Order(2)
  void everyPageOfTheMenuRendersWithoutAnError() throws Exception {
    List<String> links =
        browser.findElements(By.cssSelector("nav.menu a")).stream()
            .map(a -> a.getAttribute("href"))
            .toList();
    assertThat(links).hasSizeGreaterThanOrEqualTo(15);
    for (String link : links) {
      browser.get(link);
      String title = browser.findElement(By.tagName("h1")).getText();
      assertThat(browser.getPageSource()).doesNotContain("Exception", "Something went wrong");
      assertThat(title).isNotBlank();
      shoot(link.substring(link.indexOf("/admin/") + 7).replace('/', '-'));
    }
  }

  @Test
  @Order(3)
  void sipFederatedDomainsAreAddedAndScriptInTextIsShownAsText() throws Exception {
    browser.get(base + "/admin/sip-federated-domains");
    type("domainName", "partner.example.com");
    type("description", SCRIPT);
    new Select(browser.findElement(By.id("integrationType"))).selectByValue("LYNC");
    click("add-sip-domain-submit");

    assertThat(text("flash")).contains("partner.example.com added");
    WebElement table = browser.findElement(By.id("sip-domains"));
    assertThat(table.getText()).contains("partner.example.com", SCRIPT);
    assertThat(browser.getPageSource()).contains("&lt;script&gt;document.title");
    assertThat(browser.getTitle()).doesNotContain("pwned");
    shoot("sip-federated-domains-added");

    press(browser.findElement(By.linkText("partner.example.com")));
    new Select(browser.findElement(By.id("integrationType"))).selectByValue("AOL");
    type("defaultRoutingDomain", "");
    click("save-sip-domain");
    assertThat(text("error-defaultRoutingDomain")).contains("default routing domain");
    new Select(browser.findElement(By.id("integrationType"))).selectByValue("OFFICE365");
    type("description", "edited in the browser");
    click("save-sip-domain");
    assertThat(text("flash")).contains("partner.example.com saved");
    assertThat(text("sip-domains")).contains("OFFICE365", "edited in the browser");
  }

  @Test
  @Order(4)
  void aStaticRouteWithBadFieldsNamesEachAndSavesNothing() throws Exception {
    browser.get(base + "/admin/static-routes");
    int before = browser.findElements(By.cssSelector("#static-routes tbody tr")).size();
    type("destinationPattern", ".com.partner.*");
    type("nextHop", "sip.partner.com");
    type("nextHopPort", "99999");
    type("priority", "high");
    click("add-route-submit");

    assertThat(text("errors")).contains("Nothing was saved");
    assertThat(text("error-priority")).contains("whole number");
    assertThat(text("error-nextHopPort")).isNotBlank();
    assertThat(browser.findElement(By.id("nextHop")).getAttribute("value"))
        .isEqualTo("sip.partner.com");
    shoot("static-routes-validation");
    browser.get(base + "/admin/static-routes");
    assertThat(browser.findElements(By.cssSelector("#static-routes tbody tr"))).hasSize(before);
  }

  @Test
  @Order(5)
  void aStaticRouteIsAddedEditedExplainedAndItsPatternSuggested() throws Exception {
    browser.get(base + "/admin/static-routes?domain=partner.example.com");
    assertThat(text("helper-pattern")).isEqualTo(".com.example.partner.*");

    type("destinationPattern", ".com.example.partner.*");
    type("nextHop", "sip.partner.example.com");
    type("nextHopPort", "5061");
    new Select(browser.findElement(By.id("protocol"))).selectByValue("TLS");
    new Select(browser.findElement(By.id("routeType"))).selectByValue("DOMAIN");
    type("priority", "5");
    click("add-route-submit");
    assertThat(text("flash")).contains("added");

    press(browser.findElement(By.linkText(".com.example.partner.*")));
    type("priority", "7");
    type("description", "edited in the browser");
    click("save-route");
    assertThat(text("flash")).contains("saved");
    assertThat(browser.findElement(By.id("static-routes")).getText())
        .contains("edited in the browser");

    type("explain-address", "bob@partner.example.com");
    click("route-explainer-submit");
    assertThat(text("explanation"))
        .contains("sip.partner.example.com")
        .doesNotContain("result: blocked");
    shoot("static-routes-explained");
  }

  @Test
  @Order(6)
  void tlsPeerSubjectsAndContextsAreAddedAndEdited() throws Exception {
    browser.get(base + "/admin/tls-peer-subjects");
    type("name", "sip.partner.example.com");
    type("description", "partner edge");
    click("add-subject-submit");
    assertThat(text("flash")).contains("added");

    browser.get(base + "/admin/tls-contexts");
    press(browser.findElement(By.cssSelector("#tls-contexts tbody tr a")));
    type("protocols", "TLSv1.1");
    click("save-context");
    assertThat(text("error-protocols")).contains("TLSv1.2");
    shoot("tls-context-validation");

    type("protocols", "TLSv1.2,TLSv1.3");
    type("peerSubjects", "sip.partner.example.com");
    click("save-context");
    assertThat(text("flash")).contains("saved");
    assertThat(browser.findElement(By.id("tls-contexts")).getText())
        .contains("sip.partner.example.com");
  }

  @Test
  @Order(7)
  void aclPolicyUsersAndAccountsAreCreated() throws Exception {
    browser.get(base + "/admin/incoming-acl");
    new Select(browser.findElement(By.id("type"))).selectByValue("FQDN");
    type("pattern", "sip.partner.example.com");
    click("add-acl-submit");
    assertThat(text("flash")).contains("added");

    browser.get(base + "/admin/policy/xmpp");
    type("domain", "*.blocked.example");
    click("add-exception-submit");
    assertThat(text("flash")).contains("added");
    assertThat(text("policy-exceptions")).contains("*.blocked.example");

    browser.get(base + "/admin/users");
    type("username", "alice");
    type("password", "alice-password-1");
    click("add-user-submit");
    assertThat(text("flash")).contains("alice created");
    press(
        browser.findElement(
            By.xpath("//tr[td/a[starts-with(text(),'alice@')]]//button[text()='Disable']")));
    assertThat(text("flash")).contains("disabled");
    WebElement alice =
        browser.findElement(
            By.xpath("//table[@id='users']//tr[td/a[starts-with(text(),'alice@')]]"));
    alice.findElement(By.name("password")).sendKeys("short");
    press(alice.findElement(By.xpath(".//button[text()='Set password']")));
    assertThat(text("errors")).contains("Nothing was saved");
    alice =
        browser.findElement(
            By.xpath("//table[@id='users']//tr[td/a[starts-with(text(),'alice@')]]"));
    alice.findElement(By.name("password")).sendKeys("alice-password-2");
    press(alice.findElement(By.xpath(".//button[text()='Set password']")));
    assertThat(text("flash")).contains("Password of alice@", "changed");
    press(browser.findElement(By.partialLinkText("alice@")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Roster of alice@");

    browser.get(base + "/admin/admin-accounts");
    type("new-username", "viewer");
    type("new-password", "short");
    click("add-account-submit");
    assertThat(text("errors")).contains("password");
    type("new-password", "viewer-password-1");
    new Select(browser.findElement(By.id("new-role"))).selectByValue("read-only");
    click("add-account-submit");
    assertThat(text("flash")).contains("viewer created (read-only)");
    WebElement viewer =
        browser.findElement(By.xpath("//table[@id='accounts']//tr[td[1]='viewer']"));
    new Select(viewer.findElement(By.name("role"))).selectByValue("operator");
    press(viewer.findElement(By.xpath(".//button[text()='Save']")));
    assertThat(text("flash")).contains("Account viewer saved.");
    assertThat(
            browser.findElement(By.xpath("//table[@id='accounts']//tr[td[1]='viewer']")).getText())
        .contains("operator");

    browser.get(base + "/admin/policy/sip");
    new Select(browser.findElement(By.id("default"))).selectByValue("DENY");
    click("policy-default-submit");
    assertThat(text("flash")).contains("Default policy set to DENY");
    assertThat(text("policy-default")).isEqualTo("DENY");
  }

  @Test
  @Order(8)
  void aTrustCertificateIsUploadedAndItsExpiryWarned() throws Exception {
    browser.get(base + "/admin/certificates");
    type("trust-alias", "expiring-partner");
    browser
        .findElement(By.id("trust-pem"))
        .sendKeys(
            new String(
                TestFiles.pem(TestCertificates.expiringRoot().chain()), StandardCharsets.US_ASCII));
    press(browser.findElement(By.xpath("//button[text()='Upload to cup-trust']")));

    assertThat(text("flash")).contains("expiring-partner added to cup-trust");
    assertThat(text("expiry-warning")).contains("expire within 30 days");
    press(browser.findElement(By.linkText("expiring-partner")));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("Expiring Partner Root", "SHA-256");
    shoot("certificate-details");

    browser.get(base + "/admin/certificates");
    press(browser.findElement(By.xpath("//button[text()='CSR for cup']")));
    assertThat(text("csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
  }

  @Test
  @Order(9)
  void aServiceIsStoppedAndStartedFromTheControlCenter() throws Exception {
    browser.get(base + "/admin/services");
    By state = By.cssSelector("#service-TLS-Proxy .state");
    assertThat(browser.findElement(state).getText()).isEqualTo("RUNNING");

    press(browser.findElement(By.cssSelector("#service-TLS-Proxy button[name='stop']")));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(state, "STOPPED"));
    shoot("control-center-stopped");

    press(browser.findElement(By.cssSelector("#service-TLS-Proxy button[name='start']")));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.textToBe(state, "RUNNING"));
    assertThat(text("flash")).contains("TLS Proxy: start done; now RUNNING");

    browser.get(base + "/admin/audit");
    assertThat(text("audit")).contains("service", "TLS Proxy", "static-routes");
  }

  @Test
  @Order(10)
  void theFederationDoctorShowsEachStepWithWhoMustAct() throws Exception {
    browser.get(base + "/admin/doctor");
    type("domain", "not a domain!");
    click("run-doctor");

    assertThat(text("doctor-overall")).isEqualTo("FAIL");
    assertThat(text("doctor-steps")).contains("domain-invalid", "LOCAL");
    shoot("doctor-result");
  }

  @Test
  @Order(11)
  void xmppFederationSettingsNameBadFieldsKeepTheSecretHiddenAndAskForARestart() throws Exception {
    browser.get(base + "/admin/xmpp-federation/settings");
    assertThat(text("current-enabled")).isEqualTo("Off");
    assertThat(text("current-securityMode")).isEqualTo("TLS Required");

    new Select(browser.findElement(By.id("securityMode"))).selectByVisibleText("No TLS");
    check("saslExternalInbound", true);
    type("dnsResolver", "not-an-address");
    click("save-xmpp-settings");
    assertThat(text("errors")).contains("Nothing was saved");
    assertThat(text("error-saslExternalInbound")).contains("TLS Optional or TLS Required");
    assertThat(text("error-dnsResolver")).contains("not an IP address");
    assertThat(text("current-securityMode")).isEqualTo("TLS Required");
    shoot("xmpp-federation-settings-validation");

    browser.get(base + "/admin/xmpp-federation/settings");
    check("enabled", true);
    new Select(browser.findElement(By.id("securityMode"))).selectByVisibleText("TLS Optional");
    check("saslExternalInbound", false);
    type("dialbackSecret", DIALBACK_SECRET);
    type("dnsResolver", "");
    click("save-xmpp-settings");
    assertThat(text("flash"))
        .contains("saved", "Restart required: XMPP Federation Connection Manager");
    assertThat(text("current-enabled")).isEqualTo("On");
    assertThat(text("current-securityMode")).isEqualTo("TLS Optional");
    assertThat(text("current-dialbackSecret")).isEqualTo("set (not shown)");
    assertThat(browser.findElement(By.id("dialbackSecret")).getAttribute("value")).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain(DIALBACK_SECRET);
    assertThat(text("restart-required")).contains("xmpp-federation-settings");
    shoot("xmpp-federation-settings-restart-required");

    click("restart-now");
    assertThat(text("flash"))
        .contains("XMPP Federation Connection Manager: restart done; now RUNNING");
    assertThat(browser.findElement(By.id("service-XMPP-Federation-Connection-Manager")).getText())
        .doesNotContain("Restart required");
    browser.get(base + "/admin/xmpp-federation/settings");
    assertThat(browser.findElements(By.id("restart-required"))).isEmpty();

    type("override-domain", "partner.example");
    type("override-host", "127.0.0.50");
    type("override-port", "seventy");
    click("add-dns-override-submit");
    assertThat(text("error-override-port")).contains("whole number");
    assertThat(browser.findElement(By.id("override-host")).getAttribute("value"))
        .isEqualTo("127.0.0.50");
    type("override-port", String.valueOf(s2sPort));
    click("add-dns-override-submit");
    assertThat(text("flash")).contains("DNS override for partner.example added");
    assertThat(text("dns-overrides")).contains("partner.example", "127.0.0.50");
    assertThat(text("restart-required")).contains("xmpp-dns-overrides changed");
    click("restart-now");
    assertThat(text("flash"))
        .contains("XMPP Federation Connection Manager: restart done; now RUNNING");

    browser.get(base + "/admin/audit");
    assertThat(browser.getPageSource()).doesNotContain(DIALBACK_SECRET);
  }

  @Test
  @Order(12)
  void xmppPartnersAreCheckedAgainstTheMatrixAddedEditedAndDeleted() throws Exception {
    browser.get(base + "/admin/xmpp-partners");
    type("primaryDomain", "xmpp.partner.example");
    type("additionalDomains", "chat.partner.example, muc.partner.example");
    type("description", SCRIPT);
    new Select(browser.findElement(By.id("tlsNegotiation"))).selectByVisibleText("Not supported");
    new Select(browser.findElement(By.id("saslNegotiation"))).selectByVisibleText("Required");
    check("dialback", false);
    click("add-partner-submit");
    assertThat(text("errors")).contains("Nothing was saved");
    assertThat(text("error-saslNegotiation"))
        .contains("SASL negotiation is impossible without TLS");
    assertThat(browser.findElement(By.id("additionalDomains")).getAttribute("value"))
        .isEqualTo("chat.partner.example, muc.partner.example");
    assertThat(browser.findElements(By.cssSelector("#xmpp-partners tbody tr"))).isEmpty();
    shoot("xmpp-partners-matrix-refused");

    new Select(browser.findElement(By.id("saslNegotiation"))).selectByVisibleText("Not supported");
    check("dialback", true);
    click("add-partner-submit");
    assertThat(text("flash"))
        .contains(
            "XMPP partner xmpp.partner.example added",
            "Restart required: XMPP Federation Connection Manager");
    assertThat(text("xmpp-partners"))
        .contains("xmpp.partner.example", "chat.partner.example, muc.partner.example", SCRIPT);
    assertThat(browser.getTitle()).doesNotContain("pwned");

    type("primaryDomain", "other.partner.example");
    click("add-partner-submit");
    assertThat(text("flash")).contains("other.partner.example added");

    press(browser.findElement(By.linkText("xmpp.partner.example")));
    new Select(browser.findElement(By.id("partnerType"))).selectByVisibleText("Public verified");
    new Select(browser.findElement(By.id("tlsNegotiation"))).selectByVisibleText("Required");
    new Select(browser.findElement(By.id("saslNegotiation"))).selectByVisibleText("Required");
    type("connectionLimit", "0");
    click("save-partner");
    assertThat(text("error-connectionLimit")).contains("1..1000");
    type("connectionLimit", "8");
    type("description", "edited in the browser");
    click("save-partner");
    assertThat(text("flash")).contains("xmpp.partner.example saved");
    WebElement row =
        browser.findElement(
            By.xpath("//table[@id='xmpp-partners']//tr[td/a='xmpp.partner.example']"));
    assertThat(row.getText()).contains("Public verified", "edited in the browser");
    shoot("xmpp-partners-edited");

    press(browser.findElement(By.id("delete-other.partner.example")));
    assertThat(text("flash")).contains("other.partner.example removed");
    assertThat(text("xmpp-partners")).doesNotContain("other.partner.example");

    // IM&P's "restart required" notifications: one action restarts everything pending
    browser.get(base + "/admin/services");
    assertThat(text("service-XMPP-Federation-Connection-Manager"))
        .contains("Restart required", "xmpp-partners changed");
    click("restart-pending");
    assertThat(text("flash")).contains("Restarted", "XMPP Federation Connection Manager");
    assertThat(text("services")).doesNotContain("Restart required");
  }

  @Test
  @Order(13)
  void theTlsProxyPageAndTheDashboardShowALiveSessionAndWhyItEnded() throws Exception {
    TlsProxyService proxy = (TlsProxyService) node.node.services().component(ServiceName.TLS_PROXY);
    int port = node.node.services().status(ServiceName.TLS_PROXY).listeners().get(0).boundPort();
    String outside;
    try (Socket peer = new Socket()) {
      peer.bind(new InetSocketAddress("127.0.0.51", 0));
      peer.connect(new InetSocketAddress("127.0.0.50", port), 5_000);
      outside = "127.0.0.51:" + peer.getLocalPort();
      await().until(() -> proxy.sessions().size() == 1);

      browser.get(base + "/admin/tls-proxy");
      assertThat(text("tls-proxy-instances"))
          .contains("ent_external_to_imp", "INBOUND", "127.0.0.50:" + port);
      assertThat(text("tls-proxy-sessions")).contains(outside, "handshaking");
      shoot("tls-proxy-session");
      browser.get(base + "/admin/");
      assertThat(text("connection-summary")).contains("TLS proxy sessions 1");
      assertThat(text("connections")).contains("TLS proxy", "127.0.0.51");

      peer.getOutputStream()
          .write("OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      await().until(() -> proxy.sessions().isEmpty() && !proxy.recentlyClosed().isEmpty());
    }
    browser.get(base + "/admin/tls-proxy");
    assertThat(text("open-count")).isEqualTo("0");
    assertThat(text("tls-proxy-closed")).contains(outside, "not-tls");
    assertThat(text("tls-proxy-acl")).contains("outside_to_peer_auth", "permit tcp any host");
    shoot("tls-proxy-closed");

    browser.get(base + "/admin/");
    assertThat(text("refusals")).contains("TLS proxy (recent)", "not-tls");
    assertThat(text("message-rates")).contains("XMPP S2S in", "SIP out");
  }

  @Test
  @Order(14)
  void theDashboardListsWatchListedAndThrottledPeersAndAnOperatorReleasesOne() throws Exception {
    // what the SIP gate and S2S do with requests of undeclared domains, driven directly
    var guard = node.node.federation().guard().guard();
    for (int i = 0; i <= 1000; i++) {
      guard.check("spam.example", "sip:user" + i + "@fedgate.test");
    }
    for (int i = 0; i < 100; i++) {
      guard.check("noisy.example", "sip:alice@fedgate.test");
    }

    browser.get(base + "/admin/");
    assertThat(text("watch-list")).contains("spam.example", "1001");
    assertThat(text("throttled")).contains("noisy.example");
    shoot("dashboard-guard");

    press(browser.findElement(By.id("release-spam.example")));
    assertThat(text("flash")).contains("spam.example released from the watch list");
    assertThat(text("watch-list")).contains("No partner is on the watch list");
    browser.get(base + "/admin/audit");
    assertThat(text("audit")).contains("guard", "spam.example");
  }

  @Test
  @Order(15)
  void theFederationDoctorChecksALoopbackPeerAndSaysWhoMustAct() throws Exception {
    // partner.example resolves (DNS override) to this node's own S2S listener on loopback
    browser.get(base + "/admin/doctor");
    type("domain", "partner.example");
    click("run-doctor");

    String steps = text("doctor-steps");
    assertThat(text("doctor-overall")).isEqualTo("FAIL");
    assertThat(steps)
        .contains("XMPP dns-override PASS ok partner.example -> 127.0.0.50:" + s2sPort)
        .containsPattern("XMPP tcp PASS ok connected to 127\\.0\\.0\\.50:" + s2sPort)
        .contains(
            "SIP policy-incoming FAIL default-deny", "LOCAL change the SIP federation policy");
    shoot("doctor-loopback-peer");
  }

  @Test
  @Order(99)
  void logoutEndsTheSession() throws Exception {
    click("logout");
    assertThat(text("notice")).contains("logged out");
    browser.get(base + "/admin/services");
    assertThat(browser.getCurrentUrl()).contains("/admin/login");
  }

  private void login(String user, String password) {
    browser.get(base + "/admin/login");
    type("username", user);
    type("password", password);
    click("login");
  }

  private void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.50"))) {
      return probe.getLocalPort();
    }
  }

  private void check(String id, boolean on) {
    WebElement box = browser.findElement(By.id(id));
    if (box.isSelected() != on) {
      box.click();
    }
  }

  private void click(String id) {
    press(browser.findElement(By.id(id)));
  }

  /** Clicks a button or link that loads a page, and waits until the new page replaced the old. */
  private void press(WebElement element) {
    WebElement page = browser.findElement(By.tagName("html"));
    element.click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(ignored -> replaced(page));
  }

  /**
   * Whether an element belongs to a document that has been replaced. While the new page loads,
   * chromedriver may answer with an inspector error ("does not belong to the document") instead of
   * a stale-element error; both mean the old page is gone.
   */
  private static boolean replaced(WebElement old) {
    try {
      old.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void shoot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve((name.isEmpty() ? "dashboard" : name) + ".png"), png);
  }
}
