package io.fedgate.appliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.node.LocalCredential;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins, sessions, CSRF, roles and bearer tokens on a whole node: what a browser and an automation
 * script see.
 */
class AdminAccessIT {
  @TempDir Path temp;
  TestNode node;
  String token;
  String password;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(temp.resolve("node"));
    token = LocalCredential.read(node.dataDir).orElseThrow().token();
    password = node.printedPassword().orElseThrow();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aLoginGivesAStrictSessionCookieAndLogoutEndsIt() throws Exception {
    FormClient browser = new FormClient(node);
    assertThat(browser.get("/admin/").statusCode()).isEqualTo(303);

    HttpResponse<String> login = browser.login("admin", password);

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(browser.setCookies(login))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("fedgate_session=")
                    .contains("Secure", "HttpOnly", "SameSite=Strict"));
    HttpResponse<String> dashboard = browser.get("/admin/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Dashboard", "XCP Router", "admin (administrator)");
    assertThat(dashboard.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(h -> assertThat(h).contains("default-src 'none'"));

    assertThat(browser.submit("/admin/logout", Map.of()).statusCode()).isEqualTo(303);
    assertThat(browser.get("/admin/").headers().firstValue("Location")).hasValue("/admin/login");
    assertThat(audit()).contains("\"objectType\":\"admin-session\"");
  }

  @Test
  void aWrongPasswordIsRefusedAndRepeatedFailuresAreThrottled() throws Exception {
    FormClient browser = new FormClient(node);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> refused = browser.login("admin", "wrong-" + i);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body()).contains("Wrong user name or password");
    }

    HttpResponse<String> locked = browser.login("admin", password);

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body()).contains("Too many failed logins");
    assertThat(browser.cookies).doesNotContainKey("fedgate_session");
    HttpResponse<String> basic = node.get("/api/v1/status", basic("admin", password));
    assertThat(basic.statusCode()).isEqualTo(429);
    assertThat(node.get("/api/v1/status", "Bearer " + token).statusCode()).isEqualTo(200);
  }

  @Test
  void aChangeWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    FormClient browser = new FormClient(node);
    browser.login("admin", password);
    String since = serviceSince("XCP Router");

    HttpResponse<String> forged =
        browser.post("/admin/services/XCP Router/stop", Map.of("_csrf", "forged"));
    HttpResponse<String> missing = browser.post("/admin/services/XCP Router/stop", Map.of());

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("Nothing was changed").doesNotContain("Exception");
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(serviceSince("XCP Router")).isEqualTo(since);

    HttpResponse<String> viaApi =
        node.https()
            .send(
                HttpRequest.newBuilder(
                        node.adminUrl().resolve("/api/v1/services/XCP%20Router/stop"))
                    .header("Cookie", "fedgate_session=" + browser.cookies.get("fedgate_session"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(viaApi.statusCode()).isEqualTo(403);
    assertThat(serviceSince("XCP Router")).isEqualTo(since);
  }

  @Test
  void withoutALiveSessionAPostSaysSoAndWritesNothing() throws Exception {
    FormClient stranger = new FormClient(node);
    stranger.cookies.put("fedgate_session", "expired-or-made-up");

    HttpResponse<String> response =
        stranger.post(
            "/admin/admin-accounts",
            Map.of(
                "_csrf",
                "x",
                "username",
                "mallory",
                "password",
                "long-enough-pw",
                "role",
                "administrator"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("Your session has ended", "Nothing was changed");
    assertThat(accounts()).doesNotContain("mallory");
  }

  @Test
  void pagesRefuseOtherContentTypesAndTheApiMalformedOrOversizedJsonWithoutAWrite()
      throws Exception {
    FormClient browser = new FormClient(node);
    browser.login("admin", password);

    HttpResponse<String> json =
        browser.send("/admin/admin-accounts", "application/json", "{\"username\":\"x\"}");

    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(json.body()).contains("Unsupported content type");

    String partners = node.get("/api/v1/xmpp-partners", "Bearer " + token).body();
    String settings = node.get("/api/v1/xmpp-federation/settings", "Bearer " + token).body();
    HttpResponse<String> malformed =
        api("POST", "/api/v1/xmpp-partners", "{\"primaryDomain\": \"x.example\",");
    HttpResponse<String> array = api("POST", "/api/v1/xmpp-partners", "[\"x.example\"]");
    HttpResponse<String> huge =
        api(
            "POST",
            "/api/v1/xmpp-partners",
            "{\"primaryDomain\":\"x.example\",\"description\":\"" + "x".repeat(2_000_000) + "\"}");
    HttpResponse<String> form =
        send(
            "Bearer " + token,
            "PUT",
            "/api/v1/xmpp-federation/settings",
            "enabled=true",
            "application/x-www-form-urlencoded");
    HttpResponse<String> types =
        api(
            "PUT",
            "/api/v1/xmpp-federation/settings",
            "{\"enabled\":\"maybe\",\"securityMode\":7,\"dialbackSecret\":\"short\",\"colour\":1}");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("JSON object");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(huge.statusCode()).isIn(400, 413);
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(types.statusCode()).isEqualTo(422);
    assertThat(types.body())
        .contains(
            "\"field\":\"enabled\"",
            "\"field\":\"securityMode\"",
            "\"field\":\"dialbackSecret\"",
            "\"field\":\"colour\"")
        .doesNotContain("short\"");
    for (HttpResponse<String> response : java.util.List.of(malformed, array, huge, form, types)) {
      assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.");
    }
    assertThat(node.get("/api/v1/xmpp-partners", "Bearer " + token).body()).isEqualTo(partners);
    assertThat(node.get("/api/v1/xmpp-federation/settings", "Bearer " + token).body())
        .isEqualTo(settings);
  }

  @Test
  void anOversizedOrMalformedFormGetsAClearPageAndWritesNothing() throws Exception {
    FormClient browser = new FormClient(node);
    browser.login("admin", password);
    String before = node.get("/api/v1/static-routes", "Bearer " + token).body();

    HttpResponse<String> huge =
        browser.submit(
            "/admin/static-routes",
            Map.of("destinationPattern", ".com.x.*", "description", "x".repeat(2_000_000)));
    HttpResponse<String> malformed =
        browser.send(
            "/admin/static-routes",
            "application/x-www-form-urlencoded",
            "_csrf=" + browser.csrf + "&destinationPattern=%zz%&nextHop=%");

    assertThat(huge.statusCode()).isIn(413, 400);
    assertThat(huge.body()).doesNotContain("Exception", "at io.", "at org.");
    assertThat(malformed.statusCode()).isBetween(400, 499);
    assertThat(malformed.body()).doesNotContain("Exception", "at io.", "at org.");
    assertThat(node.get("/api/v1/static-routes", "Bearer " + token).body()).isEqualTo(before);
  }

  @Test
  void aReadOnlyUserSeesEverythingAndChangesNothing() throws Exception {
    assertThat(
            api(
                    "POST",
                    "/api/v1/admin-accounts",
                    "{\"username\":\"viewer\",\"password\":\"viewer-password\",\"role\":\"read-only\"}")
                .statusCode())
        .isEqualTo(201);
    String viewer = basic("viewer", "viewer-password");

    HttpResponse<String> routes = node.get("/api/v1/routes", viewer);
    assertThat(routes.statusCode()).isEqualTo(200);
    HttpResponse<String> add =
        send(
            viewer,
            "POST",
            "/api/v1/routes",
            "{\"destinationPattern\":\".com.example.*\",\"nextHop\":\"x.example.com\"}");
    HttpResponse<String> restart =
        send(viewer, "POST", "/api/v1/services/XCP%20Router/restart", "");
    HttpResponse<String> accounts = node.get("/api/v1/admin-accounts", viewer);
    String settings = node.get("/api/v1/xmpp-federation/settings", viewer).body();
    HttpResponse<String> enable =
        send(viewer, "PUT", "/api/v1/xmpp-federation/settings", "{\"enabled\":true}");
    HttpResponse<String> partner =
        send(viewer, "POST", "/api/v1/xmpp-partners", "{\"primaryDomain\":\"x.example.com\"}");

    assertThat(add.statusCode()).isEqualTo(403);
    assertThat(add.body()).contains("administrator", "viewer is read-only");
    assertThat(restart.statusCode()).isEqualTo(403);
    assertThat(accounts.statusCode()).isEqualTo(403);
    assertThat(node.get("/api/v1/routes", viewer).body()).isEqualTo(routes.body());
    assertThat(enable.statusCode()).isEqualTo(403);
    assertThat(partner.statusCode()).isEqualTo(403);
    assertThat(node.get("/api/v1/xmpp-federation/settings", viewer).body()).isEqualTo(settings);
    assertThat(node.get("/api/v1/xmpp-partners", viewer).body()).isEqualTo("[]");

    FormClient browser = new FormClient(node);
    browser.login("viewer", "viewer-password");
    HttpResponse<String> page = browser.submit("/admin/services/XCP Router/restart", Map.of());
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("This needs the operator role; you are read-only.");
    HttpResponse<String> settingsPage =
        browser.submit(
            "/admin/xmpp-federation/settings", Map.of("enabled", "on", "securityMode", "NO_TLS"));
    assertThat(settingsPage.statusCode()).isEqualTo(403);
    assertThat(settingsPage.body()).contains("administrator");
    assertThat(browser.get("/admin/xmpp-federation/settings").body())
        .contains("XMPP Federation Settings")
        .doesNotContain("save-xmpp-settings");
    assertThat(node.get("/api/v1/xmpp-federation/settings", viewer).body()).isEqualTo(settings);
  }

  @Test
  void anOperatorRunsServicesWithABearerTokenButCannotChangeConfiguration() throws Exception {
    api(
        "POST",
        "/api/v1/admin-accounts",
        "{\"username\":\"ops\",\"password\":\"operator-password\",\"role\":\"operator\"}");
    HttpResponse<String> created =
        api("POST", "/api/v1/admin-accounts/ops/tokens", "{\"name\":\"monitoring\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String opsToken = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    String bearer = "Bearer " + opsToken;

    HttpResponse<String> restart =
        send(bearer, "POST", "/api/v1/services/XCP%20Router/restart", "");
    HttpResponse<String> route =
        send(bearer, "POST", "/api/v1/routes", "{\"destinationPattern\":\".com.example.*\"}");

    assertThat(restart.statusCode()).isEqualTo(200);
    assertThat(route.statusCode()).isEqualTo(403);
    assertThat(audit()).contains("\"actor\":\"ops\"", "\"objectType\":\"service\"");

    assertThat(api("DELETE", "/api/v1/admin-accounts/ops/tokens/monitoring", "").statusCode())
        .isEqualTo(200);
    assertThat(node.get("/api/v1/status", bearer).statusCode()).isEqualTo(401);
  }

  @Test
  void accountValidationNamesEveryBadFieldAndTheLastAdministratorStays() throws Exception {
    HttpResponse<String> bad =
        api(
            "POST",
            "/api/v1/admin-accounts",
            "{\"username\":\"<b>\",\"password\":\"short\",\"role\":\"boss\"}");
    HttpResponse<String> demote =
        api("PUT", "/api/v1/admin-accounts/admin", "{\"role\":\"read-only\"}");

    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body())
        .contains("\"field\":\"username\"", "\"field\":\"password\"", "\"field\":\"role\"");
    assertThat(demote.statusCode()).isEqualTo(422);
    assertThat(demote.body()).contains("last enabled administrator");
  }

  @Test
  void theOpenApiDocumentListsResourcesThatAnswer() throws Exception {
    HttpResponse<String> doc = node.get("/api/v1/openapi.json", "Bearer " + token);
    assertThat(doc.statusCode()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(doc.body());
    assertThat(json.path("openapi").asText()).isEqualTo("3.0.3");
    java.util.List<String> paths = new java.util.ArrayList<>();
    json.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/sip-federated-domains",
            "/static-routes",
            "/tls-peer-subjects",
            "/tls-contexts",
            "/incoming-acl",
            "/xmpp-federation/policy",
            "/certificates/{store}/trust",
            "/users",
            "/services/{name}/{action}",
            "/admin-accounts",
            "/xmpp-federation/settings",
            "/xmpp-partners",
            "/xmpp-partners/{domain}",
            "/connections",
            "/tls-proxy/sessions",
            "/dashboard");
    assertThat(json.at("/paths/~1xmpp-federation~1settings/put/x-fedgate-role").asText())
        .isEqualTo("administrator");
    assertThat(json.at("/paths/~1dashboard/get/x-fedgate-role").asText()).isEqualTo("read-only");
    assertThat(json.at("/paths/~1static-routes/post/x-fedgate-role").asText())
        .isEqualTo("administrator");
    assertThat(json.at("/paths/~1services~1{name}~1{action}/post/x-fedgate-role").asText())
        .isEqualTo("operator");
    for (String path : paths) {
      if (json.path("paths").path(path).has("get") && !path.contains("{")) {
        String query =
            path.endsWith("/explain")
                ? "?address=a@b.example"
                : path.endsWith("/pattern") || path.endsWith("/failures")
                    ? "?domain=b.example"
                    : "";
        assertThat(node.get("/api/v1" + path + query, "Bearer " + token).statusCode())
            .as(path)
            .isEqualTo(200);
      }
    }
  }

  @Test
  void aRouteWithSeveralBadFieldsNamesEveryOneAndEveryChangeSurvivesARestart() throws Exception {
    HttpResponse<String> bad =
        api(
            "POST",
            "/api/v1/static-routes",
            "{\"destinationPattern\":\"\",\"nextHopPort\":\"x\",\"priority\":0,\"protocol\":\"smoke\"}");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body())
        .contains(
            "\"field\":\"destinationPattern\"",
            "\"field\":\"nextHopPort\"",
            "\"field\":\"protocol\"",
            "\"field\":\"priority\"");

    assertThat(
            api(
                    "POST",
                    "/api/v1/static-routes",
                    "{\"destinationPattern\":\".com.partner.*\",\"nextHop\":\"sip.partner.com\",\"nextHopPort\":5061,\"protocol\":\"tls\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            api("POST", "/api/v1/sip-federated-domains", "{\"domainName\":\"partner.com\"}")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> aolWithoutRouting =
        api("PUT", "/api/v1/sip-federated-domains/partner.com", "{\"integrationType\":\"aol\"}");
    assertThat(aolWithoutRouting.statusCode()).isEqualTo(422);
    assertThat(aolWithoutRouting.body()).contains("\"field\":\"defaultRoutingDomain\"");
    assertThat(
            api("PUT", "/api/v1/sip-federated-domains/nobody.example", "{\"description\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            api(
                    "PUT",
                    "/api/v1/sip-federated-domains/partner.com",
                    "{\"description\":\"edge of partner\",\"integrationType\":\"office365\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            api(
                    "POST",
                    "/api/v1/incoming-acl",
                    "{\"type\":\"fqdn\",\"pattern\":\"sip.partner.com\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            api("POST", "/api/v1/tls-peer-subjects", "{\"name\":\"sip.partner.com\"}").statusCode())
        .isEqualTo(201);
    assertThat(
            api(
                    "PUT",
                    "/api/v1/tls-contexts/Default_Cisco_SIP_Proxy_Peer_Auth_TLS_Context",
                    "{\"peerSubjects\":[\"sip.partner.com\"]}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            api(
                    "POST",
                    "/api/v1/xmpp-federation/policy/exceptions",
                    "{\"domain\":\"*.blocked.example\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            api("POST", "/api/v1/users", "{\"username\":\"alice\",\"password\":\"alice-password\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            api(
                    "POST",
                    "/api/v1/admin-accounts",
                    "{\"username\":\"ops\",\"password\":\"operator-password\",\"role\":\"operator\"}")
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> settings =
        api(
            "PUT",
            "/api/v1/xmpp-federation/settings",
            "{\"enabled\":true,\"securityMode\":\"tls_optional\",\"dialbackSecret\":\"api-dialback-secret\"}");
    assertThat(settings.statusCode()).isEqualTo(200);
    assertThat(settings.body()).doesNotContain("api-dialback-secret");
    assertThat(
            api(
                    "POST",
                    "/api/v1/xmpp-partners",
                    "{\"primaryDomain\":\"xmpp.partner.com\",\"tlsNegotiation\":\"optional\",\"dialback\":true}")
                .statusCode())
        .isEqualTo(200);
    java.util.List<String> resources =
        java.util.List.of(
            "/api/v1/xmpp-federation/settings",
            "/api/v1/xmpp-partners",
            "/api/v1/static-routes",
            "/api/v1/sip-federated-domains",
            "/api/v1/incoming-acl",
            "/api/v1/tls-peer-subjects",
            "/api/v1/tls-contexts",
            "/api/v1/xmpp-federation/policy",
            "/api/v1/users",
            "/api/v1/admin-accounts");
    java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
    for (String resource : resources) {
      before.put(resource, node.get(resource, "Bearer " + token).body());
    }

    node.close();
    node = TestNode.start(temp.resolve("node"));
    token = LocalCredential.read(node.dataDir).orElseThrow().token();

    for (String resource : resources) {
      assertThat(node.get(resource, "Bearer " + token).body())
          .as(resource)
          .isEqualTo(before.get(resource));
    }
    assertThat(before.get("/api/v1/xmpp-federation/settings"))
        .contains("\"dialbackSecretSet\":true", "TLS_OPTIONAL")
        .doesNotContain("api-dialback-secret");
    assertThat(before.get("/api/v1/xmpp-partners")).contains("xmpp.partner.com");
    assertThat(before.get("/api/v1/sip-federated-domains"))
        .contains("edge of partner", "OFFICE365");
    assertThat(node.get("/api/v1/status", basic("ops", "operator-password")).statusCode())
        .isEqualTo(200);
  }

  private String serviceSince(String service) throws Exception {
    String body = node.get("/api/v1/services", "Bearer " + token).body();
    int at = body.indexOf("\"name\":\"" + service + "\"");
    return body.substring(at, body.indexOf('}', at));
  }

  private String audit() throws Exception {
    return node.get("/api/v1/audit?limit=100", "Bearer " + token).body();
  }

  private String accounts() throws Exception {
    return node.get("/api/v1/admin-accounts", "Bearer " + token).body();
  }

  private HttpResponse<String> api(String method, String path, String json) throws Exception {
    return send("Bearer " + token, method, path, json);
  }

  private HttpResponse<String> send(String authorization, String method, String path, String json)
      throws Exception {
    return send(authorization, method, path, json, "application/json");
  }

  private HttpResponse<String> send(
      String authorization, String method, String path, String body, String contentType)
      throws Exception {
    return node.https()
        .send(
            HttpRequest.newBuilder(node.adminUrl().resolve(path))
                .header("Authorization", authorization)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }
}
