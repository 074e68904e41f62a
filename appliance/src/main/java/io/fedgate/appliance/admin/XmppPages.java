package io.fedgate.appliance.admin;

import static io.fedgate.appliance.admin.PageForms.actor;
import static io.fedgate.appliance.admin.PageForms.checkbox;
import static io.fedgate.appliance.admin.PageForms.done;
import static io.fedgate.appliance.admin.PageForms.field;

import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.federation.XmppPartnerAdmin.PartnerView;
import io.fedgate.appliance.federation.XmppSettings;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.appliance.service.ServiceStatus;
import io.fedgate.appliance.store.JdbcXmppPartners.XmppPartner;
import io.fedgate.appliance.store.JdbcXmppSettings.DnsOverride;
import io.fedgate.core.config.ConfigProblem;
import io.fedgate.xmpp.s2s.Negotiation;
import io.fedgate.xmpp.s2s.PartnerType;
import io.fedgate.xmpp.s2s.SecurityMode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * XMPP Federation Settings (with the DNS overrides) and XMPP Partners, the same objects as {@code
 * /api/v1/xmpp-federation/settings} and {@code /api/v1/xmpp-partners}. The dialback secret is a
 * write-only field: the page says whether one is set, never shows it, and an empty field keeps it.
 * Both objects are read by the XMPP Federation Connection Manager when it starts, so the pages show
 * its "restart required" notice as the Control Center does.
 */
final class XmppPages {
  static final String SETTINGS = "/admin/xmpp-federation/settings";
  static final String PARTNERS = "/admin/xmpp-partners";

  /** The IM&P names of the security modes. */
  static final Map<String, String> SECURITY_MODES =
      linked(
          SecurityMode.NO_TLS.name(), "No TLS",
          SecurityMode.TLS_OPTIONAL.name(), "TLS Optional",
          SecurityMode.TLS_REQUIRED.name(), "TLS Required");

  static final Map<String, String> PARTNER_TYPES =
      linked(
          PartnerType.FEDERATED.name(), "Federated",
          PartnerType.PUBLIC_VERIFIED.name(), "Public verified",
          PartnerType.PUBLIC_UNVERIFIED.name(), "Public unverified");

  static final Map<String, String> NEGOTIATIONS =
      linked(
          Negotiation.REQUIRED.name(), "Required",
          Negotiation.OPTIONAL.name(), "Optional",
          Negotiation.NOT_SUPPORTED.name(), "Not supported");

  private final NodeControl node;
  private final Pages pages;

  XmppPages(NodeControl node, Pages pages) {
    this.node = node;
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get(SETTINGS, ctx -> settings(ctx, 200, Map.of(), null));
    app.post(SETTINGS, this::saveSettings);
    app.post("/admin/xmpp-federation/dns-overrides", this::addOverride);
    app.post("/admin/xmpp-federation/dns-overrides/delete", this::removeOverride);

    app.get(PARTNERS, ctx -> partners(ctx, 200, Map.of(), Map.of()));
    app.post(PARTNERS, this::addPartner);
    app.get(PARTNERS + "/{domain}", ctx -> editPartner(ctx, 200, Map.of(), null));
    app.post(PARTNERS + "/{domain}", this::updatePartner);
    app.post(PARTNERS + "/{domain}/delete", this::removePartner);
  }

  // --- XMPP Federation Settings ---

  private void settings(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    settings(ctx, status, errors, form, Map.of());
  }

  private void settings(
      Context ctx,
      int status,
      Map<String, String> errors,
      Map<String, ?> form,
      Map<String, ?> overrideForm) {
    XmppSettings current = node.federation().xmppSettings().show();
    Map<String, Object> shown = new HashMap<>();
    if (form == null) {
      shown.put("enabled", on(current.enabled()));
      shown.put("securityMode", current.securityMode().name());
      shown.put("requireClientCertificate", on(current.requireClientCertificate()));
      shown.put("saslExternalInbound", on(current.saslExternalInbound()));
      shown.put("saslExternalOutbound", on(current.saslExternalOutbound()));
      shown.put("dnsResolver", current.dnsResolver());
    } else {
      shown.putAll(form);
    }
    Map<String, Object> model = model("XMPP Federation Settings", errors, shown);
    model.put("settings", current);
    model.put("securityModes", SECURITY_MODES);
    model.put("overrideForm", overrideForm);
    model.put("manager", manager());
    ctx.status(status);
    pages.render(ctx, "xmpp-settings", model);
  }

  private void saveSettings(Context ctx) {
    List<ConfigProblem> problems = new ArrayList<>();
    SecurityMode mode =
        ConfigPages.choice(
            problems, "securityMode", field(ctx, "securityMode"), SecurityMode.class);
    // never trimmed: a secret is taken as typed (validation refuses spaces)
    String typed = ctx.formParam("dialbackSecret") == null ? "" : ctx.formParam("dialbackSecret");
    boolean remove = checkbox(ctx, "removeDialbackSecret");
    if (remove && !typed.isEmpty()) {
      problems.add(
          new ConfigProblem(
              "dialbackSecret", "either type a new secret or remove the stored one, not both"));
    }
    XmppSettings.Edit edit =
        new XmppSettings.Edit(
            checkbox(ctx, "enabled"),
            mode,
            checkbox(ctx, "requireClientCertificate"),
            checkbox(ctx, "saslExternalInbound"),
            checkbox(ctx, "saslExternalOutbound"),
            remove ? "" : typed.isEmpty() ? null : typed,
            field(ctx, "dnsResolver"));
    ConfigResult<XmppSettings> result;
    if (problems.isEmpty()) {
      result = node.federation().xmppSettings().update(actor(ctx), edit);
    } else {
      problems.addAll(node.federation().xmppSettings().problems(edit));
      result = ConfigResult.refused(problems);
    }
    if (result instanceof ConfigResult.Refused<XmppSettings> refused) {
      settings(ctx, 422, PageForms.byField(refused.problems()), ConfigPages.formOf(ctx));
      return;
    }
    done(ctx, "XMPP Federation Settings saved." + PageForms.effect(result), SETTINGS);
  }

  private void addOverride(Context ctx) {
    List<ConfigProblem> problems = new ArrayList<>();
    int port = ConfigPages.number(problems, "port", field(ctx, "port"), 5269);
    DnsOverride override =
        new DnsOverride(field(ctx, "domain"), field(ctx, "host"), port, field(ctx, "description"));
    ConfigResult<DnsOverride> result =
        problems.isEmpty()
            ? node.federation().xmppSettings().addOverride(actor(ctx), override)
            : ConfigResult.refused(problems);
    if (result instanceof ConfigResult.Refused<DnsOverride> refused) {
      Map<String, String> errors = new LinkedHashMap<>();
      PageForms.byField(refused.problems()).forEach((k, v) -> errors.put("override-" + k, v));
      settings(ctx, 422, errors, null, ConfigPages.formOf(ctx));
      return;
    }
    done(
        ctx,
        "DNS override for " + override.domain() + " added." + PageForms.effect(result),
        SETTINGS);
  }

  private void removeOverride(Context ctx) {
    String domain = field(ctx, "domain");
    ConfigResult<DnsOverride> result =
        node.federation().xmppSettings().removeOverride(actor(ctx), domain);
    if (result instanceof ConfigResult.Refused<DnsOverride> refused) {
      settings(ctx, 422, PageForms.byField(refused.problems()), null);
      return;
    }
    done(ctx, "DNS override for " + domain + " removed." + PageForms.effect(result), SETTINGS);
  }

  // --- XMPP Partners ---

  private void partners(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model =
        model("XMPP Partners", errors, form.isEmpty() ? partnerForm(defaults()) : form);
    model.put("partners", node.federation().xmppPartners().list());
    lists(model);
    ctx.status(status);
    pages.render(ctx, "xmpp-partners", model);
  }

  private void addPartner(Context ctx) {
    List<ConfigProblem> problems = new ArrayList<>();
    XmppPartner partner = partner(ctx, problems, defaults(), field(ctx, "primaryDomain"));
    ConfigResult<PartnerView> result;
    if (problems.isEmpty()) {
      result = node.federation().xmppPartners().add(actor(ctx), partner);
    } else {
      problems.addAll(node.federation().xmppPartners().problems(partner, false));
      result = ConfigResult.refused(problems);
    }
    if (result instanceof ConfigResult.Refused<PartnerView> refused) {
      partners(ctx, 422, PageForms.byField(refused.problems()), ConfigPages.formOf(ctx));
      return;
    }
    done(
        ctx,
        "XMPP partner " + partner.primaryDomain() + " added." + warned(result) + effect(result),
        PARTNERS);
  }

  private void editPartner(
      Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    PartnerView view = stored(ctx);
    Map<String, Object> model =
        model(
            "XMPP Partner " + view.partner().primaryDomain(),
            errors,
            form == null ? partnerForm(view.partner()) : form);
    model.put("partner", view);
    lists(model);
    ctx.status(status);
    pages.render(ctx, "xmpp-partner-edit", model);
  }

  private void updatePartner(Context ctx) {
    XmppPartner base = stored(ctx).partner();
    List<ConfigProblem> problems = new ArrayList<>();
    XmppPartner partner = partner(ctx, problems, base, base.primaryDomain());
    ConfigResult<PartnerView> result;
    if (problems.isEmpty()) {
      result = node.federation().xmppPartners().update(actor(ctx), partner);
    } else {
      problems.addAll(node.federation().xmppPartners().problems(partner, true));
      result = ConfigResult.refused(problems);
    }
    if (result instanceof ConfigResult.Refused<PartnerView> refused) {
      editPartner(ctx, 422, PageForms.byField(refused.problems()), ConfigPages.formOf(ctx));
      return;
    }
    done(
        ctx,
        "XMPP partner " + base.primaryDomain() + " saved." + warned(result) + effect(result),
        PARTNERS);
  }

  private void removePartner(Context ctx) {
    String domain = stored(ctx).partner().primaryDomain();
    ConfigResult<PartnerView> result = node.federation().xmppPartners().remove(actor(ctx), domain);
    if (result instanceof ConfigResult.Refused<PartnerView> refused) {
      partners(ctx, 422, PageForms.byField(refused.problems()), Map.of());
      return;
    }
    done(ctx, "XMPP partner " + domain + " removed." + effect(result), PARTNERS);
  }

  private PartnerView stored(Context ctx) {
    String domain = ctx.pathParam("domain");
    return node.federation()
        .xmppPartners()
        .find(domain)
        .orElseThrow(() -> new NotFoundResponse("no XMPP partner '" + domain + "'"));
  }

  /** The partner the form describes; fields that do not parse are named in {@code problems}. */
  private static XmppPartner partner(
      Context ctx, List<ConfigProblem> problems, XmppPartner base, String primaryDomain) {
    PartnerType type =
        ConfigPages.choice(problems, "partnerType", field(ctx, "partnerType"), PartnerType.class);
    Negotiation tls =
        ConfigPages.choice(
            problems, "tlsNegotiation", field(ctx, "tlsNegotiation"), Negotiation.class);
    Negotiation sasl =
        ConfigPages.choice(
            problems, "saslNegotiation", field(ctx, "saslNegotiation"), Negotiation.class);
    return new XmppPartner(
        base.id(),
        primaryDomain,
        Arrays.stream(field(ctx, "additionalDomains").split("[,\\s]+"))
            .filter(s -> !s.isBlank())
            .toList(),
        field(ctx, "description"),
        type == null ? base.partnerType() : type,
        tls == null ? base.tlsNegotiation() : tls,
        sasl == null ? base.saslNegotiation() : sasl,
        checkbox(ctx, "dialback"),
        field(ctx, "proxyFqdn"),
        ConfigPages.number(
            problems, "connectionLimit", field(ctx, "connectionLimit"), base.connectionLimit()),
        checkbox(ctx, "keepAlive"));
  }

  /** Lync's defaults for a new partner (as {@code POST /api/v1/xmpp-partners}). */
  private static XmppPartner defaults() {
    return new XmppPartner(
        0,
        "",
        List.of(),
        "",
        PartnerType.FEDERATED,
        Negotiation.REQUIRED,
        Negotiation.REQUIRED,
        false,
        "",
        4,
        true);
  }

  private static Map<String, Object> partnerForm(XmppPartner partner) {
    Map<String, Object> form = new HashMap<>();
    form.put("primaryDomain", partner.primaryDomain());
    form.put("additionalDomains", String.join(", ", partner.additionalDomains()));
    form.put("description", partner.description());
    form.put("partnerType", partner.partnerType().name());
    form.put("tlsNegotiation", partner.tlsNegotiation().name());
    form.put("saslNegotiation", partner.saslNegotiation().name());
    form.put("dialback", on(partner.dialback()));
    form.put("proxyFqdn", partner.proxyFqdn());
    form.put("connectionLimit", String.valueOf(partner.connectionLimit()));
    form.put("keepAlive", on(partner.keepAlive()));
    return form;
  }

  private void lists(Map<String, Object> model) {
    model.put("partnerTypes", PARTNER_TYPES);
    model.put("negotiations", NEGOTIATIONS);
    model.put("manager", manager());
  }

  private static String warned(ConfigResult<PartnerView> result) {
    if (result instanceof ConfigResult.Done<PartnerView> done
        && !done.value().warnings().isEmpty()) {
      return " Warning: " + String.join("; ", done.value().warnings()) + ".";
    }
    return "";
  }

  private static String effect(ConfigResult<?> result) {
    return PageForms.effect(result);
  }

  /** The XMPP Federation Connection Manager's state, for the "restart required" notice. */
  private ServiceStatus manager() {
    return node.services().status(ServiceName.XMPP_FEDERATION_CONNECTION_MANAGER);
  }

  private static Map<String, Object> model(
      String title, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", title);
    model.put("errors", errors);
    model.put("form", form);
    return model;
  }

  private static String on(boolean value) {
    return value ? "on" : "";
  }

  private static Map<String, String> linked(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
