package io.fedgate.appliance.admin;

import io.fedgate.appliance.security.AdminRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 description of {@code /api/v1}, served at {@code /api/v1/openapi.json}. Built
 * from one table of operations, each with the role {@link RoleRules} demands for it (so the
 * document cannot claim a role the server does not enforce), and the request bodies' fields.
 */
final class OpenApiDocument {
  private OpenApiDocument() {}

  private record Op(String method, String path, String tag, String summary, String body) {}

  private static final List<Op> OPERATIONS =
      List.of(
          new Op(
              "get",
              "/status",
              "node",
              "node identity, listeners, services, expiring certificates",
              null),
          new Op(
              "get",
              "/services",
              "services",
              "every service with its state and restart notices",
              null),
          new Op(
              "post",
              "/services/{name}/{action}",
              "services",
              "start, stop or restart a service (action: start|stop|restart)",
              null),
          new Op(
              "get",
              "/parameters",
              "services",
              "runtime parameters with values, defaults and effects",
              null),
          new Op(
              "put", "/parameters/{name}", "services", "set a runtime parameter", "ParameterValue"),
          new Op("get", "/audit", "audit", "the newest audit entries (?limit=1..1000)", null),
          new Op("get", "/sip-federated-domains", "sip-federation", "SIP federated domains", null),
          new Op(
              "post",
              "/sip-federated-domains",
              "sip-federation",
              "add a SIP federated domain",
              "SipFederatedDomain"),
          new Op(
              "put",
              "/sip-federated-domains/{name}",
              "sip-federation",
              "change the given fields of a SIP federated domain (not its name)",
              "SipFederatedDomain"),
          new Op(
              "delete",
              "/sip-federated-domains/{name}",
              "sip-federation",
              "remove a SIP federated domain",
              null),
          new Op("get", "/static-routes", "static-routes", "static routes", null),
          new Op("post", "/static-routes", "static-routes", "add a static route", "StaticRoute"),
          new Op(
              "put",
              "/static-routes/{id}",
              "static-routes",
              "change the given fields of a static route",
              "StaticRoute"),
          new Op("delete", "/static-routes/{id}", "static-routes", "remove a static route", null),
          new Op(
              "get",
              "/static-routes/explain",
              "static-routes",
              "explain the route taken for ?address=",
              null),
          new Op(
              "get",
              "/static-routes/pattern",
              "static-routes",
              "the destination pattern of ?domain=",
              null),
          new Op("get", "/incoming-acl", "incoming-acl", "incoming ACL entries", null),
          new Op("post", "/incoming-acl", "incoming-acl", "add an ACL entry", "AclEntry"),
          new Op(
              "delete", "/incoming-acl", "incoming-acl", "remove the entry ?type=&pattern=", null),
          new Op(
              "get", "/xmpp-federation/policy", "xmpp-federation", "XMPP federation policy", null),
          new Op(
              "put",
              "/xmpp-federation/policy",
              "xmpp-federation",
              "set the default policy",
              "PolicyDefault"),
          new Op(
              "post",
              "/xmpp-federation/policy/exceptions",
              "xmpp-federation",
              "add a policy exception",
              "PolicyException"),
          new Op(
              "delete",
              "/xmpp-federation/policy/exceptions",
              "xmpp-federation",
              "remove the exception ?domain=&direction=",
              null),
          new Op("get", "/sip-federation/policy", "sip-federation", "SIP federation policy", null),
          new Op(
              "put",
              "/sip-federation/policy",
              "sip-federation",
              "set the default policy",
              "PolicyDefault"),
          new Op(
              "post",
              "/sip-federation/policy/exceptions",
              "sip-federation",
              "add a policy exception",
              "PolicyException"),
          new Op(
              "delete",
              "/sip-federation/policy/exceptions",
              "sip-federation",
              "remove the exception ?domain=&direction=",
              null),
          new Op(
              "get",
              "/guard",
              "open-federation",
              "open-federation guard: settings, watch list, throttled peers",
              null),
          new Op(
              "post", "/guard/release", "open-federation", "release the throttled ?partner=", null),
          new Op(
              "get",
              "/doctor/{domain}",
              "doctor",
              "run every federation check against a partner domain",
              null),
          new Op(
              "post",
              "/doctor/{domain}",
              "doctor",
              "run every federation check against a partner domain",
              null),
          new Op("get", "/tls-peer-subjects", "tls", "TLS peer subjects", null),
          new Op("post", "/tls-peer-subjects", "tls", "add a TLS peer subject", "TlsPeerSubject"),
          new Op("delete", "/tls-peer-subjects/{name}", "tls", "remove a TLS peer subject", null),
          new Op("get", "/tls-contexts", "tls", "TLS contexts", null),
          new Op("get", "/tls-contexts/{name}", "tls", "one TLS context", null),
          new Op(
              "put",
              "/tls-contexts/{name}",
              "tls",
              "change the given fields of a TLS context",
              "TlsContextUpdate"),
          new Op(
              "get",
              "/certificates",
              "certificates",
              "every certificate entry (?store= to filter)",
              null),
          new Op(
              "get",
              "/certificates/{store}/{alias}",
              "certificates",
              "one entry with its chain details",
              null),
          new Op(
              "get",
              "/certificates/{store}/{alias}/pem",
              "certificates",
              "the entry's certificates as PEM",
              null),
          new Op(
              "get",
              "/certificates/{store}/{alias}/preflight",
              "certificates",
              "can this identity serve its listeners?",
              null),
          new Op(
              "delete", "/certificates/{store}/{alias}", "certificates", "remove an entry", null),
          new Op(
              "post",
              "/certificates/{store}/trust",
              "certificates",
              "upload a trust certificate (?alias=; body: the file)",
              "Upload"),
          new Op(
              "post",
              "/certificates/{store}/identity",
              "certificates",
              "upload a key and chain (PKCS#12 or PEM; body: the file)",
              "Upload"),
          new Op(
              "post",
              "/certificates/{store}/csr",
              "certificates",
              "generate a key and CSR",
              "CsrRequest"),
          new Op(
              "post",
              "/certificates/{store}/signed",
              "certificates",
              "install the signed certificate of a pending CSR (body: the file)",
              "Upload"),
          new Op(
              "post",
              "/certificates/{store}/regenerate",
              "certificates",
              "regenerate the self-signed identity",
              "Regenerate"),
          new Op("get", "/users", "users", "end users", null),
          new Op("post", "/users", "users", "create an end user", "EndUser"),
          new Op(
              "put", "/users/{user}/password", "users", "set an end user's password", "Password"),
          new Op(
              "post",
              "/users/{user}/disable",
              "users",
              "disable an end user (closes their sessions)",
              null),
          new Op("post", "/users/{user}/enable", "users", "enable an end user", null),
          new Op("delete", "/users/{user}", "users", "remove an end user", null),
          new Op(
              "get",
              "/admin-accounts",
              "admin-accounts",
              "admin accounts with roles and token names",
              null),
          new Op(
              "post", "/admin-accounts", "admin-accounts", "add an admin account", "AdminAccount"),
          new Op(
              "put",
              "/admin-accounts/{name}",
              "admin-accounts",
              "change role, enabled or password",
              "AdminAccountUpdate"),
          new Op(
              "delete",
              "/admin-accounts/{name}",
              "admin-accounts",
              "remove an admin account",
              null),
          new Op(
              "post",
              "/admin-accounts/{name}/tokens",
              "admin-accounts",
              "create a bearer token (shown once)",
              "TokenRequest"),
          new Op(
              "delete",
              "/admin-accounts/{name}/tokens/{token}",
              "admin-accounts",
              "revoke a bearer token",
              null),
          new Op(
              "get",
              "/dashboard",
              "node",
              "the Dashboard's figures: connections per peer and protocol, stanzas per peer"
                  + " domain, message rates, refusals by reason, watch list, throttled peers",
              null),
          new Op(
              "get",
              "/xmpp-federation/settings",
              "xmpp-federation",
              "XMPP Federation Settings (the dialback secret only as dialbackSecretSet)",
              null),
          new Op(
              "put",
              "/xmpp-federation/settings",
              "xmpp-federation",
              "change the given settings (restart of the XMPP Federation Connection Manager)",
              "XmppSettings"),
          new Op(
              "post",
              "/xmpp-federation/dns-overrides",
              "xmpp-federation",
              "add a DNS override",
              "DnsOverride"),
          new Op(
              "delete",
              "/xmpp-federation/dns-overrides/{domain}",
              "xmpp-federation",
              "remove a DNS override",
              null),
          new Op("get", "/xmpp-partners", "xmpp-federation", "XMPP partners with warnings", null),
          new Op("get", "/xmpp-partners/{domain}", "xmpp-federation", "one XMPP partner", null),
          new Op(
              "post",
              "/xmpp-partners",
              "xmpp-federation",
              "add an XMPP partner (the negotiation matrix refuses impossible combinations)",
              "XmppPartner"),
          new Op(
              "put",
              "/xmpp-partners/{domain}",
              "xmpp-federation",
              "change the given fields of an XMPP partner",
              "XmppPartner"),
          new Op(
              "delete",
              "/xmpp-partners/{domain}",
              "xmpp-federation",
              "remove an XMPP partner",
              null),
          new Op("get", "/connections", "xmpp-federation", "live S2S streams", null),
          new Op(
              "get",
              "/xmpp-federation/failures",
              "xmpp-federation",
              "the failure history of ?domain=",
              null),
          new Op(
              "post",
              "/xmpp-federation/test",
              "xmpp-federation",
              "one outbound S2S negotiation to ?domain=, step by step",
              null),
          new Op(
              "get",
              "/tls-proxy/sessions",
              "tls-proxy",
              "open TLS proxy sessions and the recently closed ones with their reasons",
              null),
          new Op("get", "/tls-proxy/acl", "tls-proxy", "access-list hit counters", null));

  private static final Map<String, Map<String, String>> BODIES = new LinkedHashMap<>();

  static {
    BODIES.put("ParameterValue", fields("value", "string"));
    BODIES.put(
        "SipFederatedDomain",
        fields(
            "domainName",
            "string",
            "description",
            "string",
            "integrationType",
            "string: lync|office365|ocs_tcp|aol",
            "directFederation",
            "boolean",
            "defaultRoutingDomain",
            "string"));
    BODIES.put(
        "StaticRoute",
        fields(
            "destinationPattern",
            "string (reversed, e.g. .com.example.*)",
            "description",
            "string",
            "nextHop",
            "string",
            "nextHopPort",
            "integer",
            "routeType",
            "string: domain|user",
            "protocol",
            "string: tcp|tls|udp",
            "priority",
            "integer",
            "weight",
            "integer",
            "allowLessSpecific",
            "boolean",
            "inService",
            "boolean",
            "blocked",
            "boolean"));
    BODIES.put(
        "AclEntry",
        fields(
            "type",
            "string: all|ip|cidr|fqdn|domain",
            "pattern",
            "string",
            "description",
            "string"));
    BODIES.put("PolicyDefault", fields("default", "string: allow|deny"));
    BODIES.put(
        "PolicyException",
        fields("domain", "string", "direction", "string: incoming|outgoing|both"));
    BODIES.put("TlsPeerSubject", fields("name", "string", "description", "string"));
    BODIES.put(
        "TlsContextUpdate",
        fields(
            "description",
            "string",
            "protocols",
            "array of TLSv1.2|TLSv1.3",
            "cipherProfile",
            "string: modern|lync_compatible|custom",
            "cipherSuites",
            "array of string",
            "peerSubjects",
            "array of string",
            "disableEmptyTlsFragments",
            "boolean"));
    BODIES.put("Upload", fields("(body)", "the certificate file, at most 1 MiB"));
    BODIES.put(
        "CsrRequest", fields("keyType", "string: rsa_2048|rsa_3072|rsa_4096|ec_p256|ec_p384"));
    BODIES.put("Regenerate", fields("validityDays", "integer 1..3650"));
    BODIES.put("EndUser", fields("username", "string", "domain", "string", "password", "string"));
    BODIES.put("Password", fields("password", "string"));
    BODIES.put(
        "AdminAccount",
        fields(
            "username",
            "string",
            "password",
            "string (12+)",
            "role",
            "string: read-only|operator|administrator"));
    BODIES.put(
        "AdminAccountUpdate", fields("role", "string", "enabled", "boolean", "password", "string"));
    BODIES.put("TokenRequest", fields("name", "string"));
    BODIES.put(
        "XmppSettings",
        fields(
            "enabled",
            "boolean",
            "securityMode",
            "string: no_tls|tls_optional|tls_required",
            "requireClientCertificate",
            "boolean",
            "saslExternalInbound",
            "boolean",
            "saslExternalOutbound",
            "boolean",
            "dialbackSecret",
            "string, write-only (8-255 characters; empty removes it)",
            "dnsResolver",
            "string: IP[:port], empty for the system resolver"));
    BODIES.put(
        "DnsOverride",
        fields("domain", "string", "host", "string", "port", "integer", "description", "string"));
    BODIES.put(
        "XmppPartner",
        fields(
            "primaryDomain",
            "string",
            "additionalDomains",
            "array of string",
            "description",
            "string",
            "partnerType",
            "string: federated|public_verified|public_unverified",
            "tlsNegotiation",
            "string: required|optional|not_supported",
            "saslNegotiation",
            "string: required|optional|not_supported",
            "dialback",
            "boolean",
            "proxyFqdn",
            "string",
            "connectionLimit",
            "integer 1..1000",
            "keepAlive",
            "boolean"));
  }

  /** The paths of the API as the document lists them (without {@code /api/v1}). */
  static List<String> paths() {
    return OPERATIONS.stream().map(Op::path).distinct().toList();
  }

  static Map<String, Object> build(String version) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        map(
            "title",
            "fedgate admin API",
            "version",
            version,
            "description",
            "Every change is validated (422 with {error, problems:[{field, message}]} naming every"
                + " bad field, nothing stored) and audited. Roles: read-only < operator <"
                + " administrator; x-fedgate-role names the role each operation needs."));
    doc.put("servers", List.of(map("url", "/api/v1")));
    doc.put("security", List.of(map("bearer", List.of()), map("basic", List.of())));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Op op : OPERATIONS) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(op.path(), p -> new LinkedHashMap<>());
      Map<String, Object> operation = new LinkedHashMap<>();
      operation.put("tags", List.of(op.tag()));
      operation.put("summary", op.summary());
      AdminRole role = RoleRules.required(op.method().toUpperCase(), "/api/v1" + op.path());
      operation.put("x-fedgate-role", role.label());
      List<Object> parameters = new ArrayList<>();
      for (String segment : op.path().split("/")) {
        if (segment.startsWith("{")) {
          parameters.add(
              map(
                  "name",
                  segment.substring(1, segment.length() - 1),
                  "in",
                  "path",
                  "required",
                  true,
                  "schema",
                  map("type", "string")));
        }
      }
      if (!parameters.isEmpty()) {
        operation.put("parameters", parameters);
      }
      if (op.body() != null) {
        String media = op.body().equals("Upload") ? "application/octet-stream" : "application/json";
        operation.put(
            "requestBody",
            map(
                "required",
                true,
                "content",
                map(media, map("schema", map("$ref", "#/components/schemas/" + op.body())))));
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      responses.put(
          "200",
          map("description", "done; changes list the services applied live or needing a restart"));
      if (!op.method().equals("get")) {
        responses.put(
            "422",
            map(
                "description",
                "refused: every problem by field",
                "content",
                map(
                    "application/json",
                    map("schema", map("$ref", "#/components/schemas/Problems")))));
      }
      responses.put("401", map("description", "no or wrong credentials"));
      responses.put(
          "403",
          map(
              "description",
              "the account's role is too low (or a session without its CSRF token)"));
      operation.put("responses", responses);
      item.put(op.method(), operation);
    }
    doc.put("paths", paths);
    Map<String, Object> schemas = new LinkedHashMap<>();
    BODIES.forEach(
        (name, fieldTypes) -> {
          Map<String, Object> properties = new LinkedHashMap<>();
          fieldTypes.forEach(
              (field, type) ->
                  properties.put(field, map("type", jsonType(type), "description", type)));
          schemas.put(name, map("type", "object", "properties", properties));
        });
    schemas.put(
        "Problems",
        map(
            "type",
            "object",
            "properties",
            map(
                "error",
                map("type", "string"),
                "problems",
                map(
                    "type",
                    "array",
                    "items",
                    map(
                        "type",
                        "object",
                        "properties",
                        map("field", map("type", "string"), "message", map("type", "string")))))));
    doc.put(
        "components",
        map(
            "schemas",
            schemas,
            "securitySchemes",
            map(
                "bearer", map("type", "http", "scheme", "bearer"),
                "basic", map("type", "http", "scheme", "basic"))));
    return doc;
  }

  private static String jsonType(String description) {
    if (description.startsWith("integer")) {
      return "integer";
    }
    if (description.startsWith("boolean")) {
      return "boolean";
    }
    if (description.startsWith("array")) {
      return "array";
    }
    return "string";
  }

  private static Map<String, String> fields(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }
}
