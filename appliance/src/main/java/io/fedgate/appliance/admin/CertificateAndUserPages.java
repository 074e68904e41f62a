package io.fedgate.appliance.admin;

import static io.fedgate.appliance.admin.PageForms.actor;
import static io.fedgate.appliance.admin.PageForms.done;
import static io.fedgate.appliance.admin.PageForms.field;

import io.fedgate.appliance.certs.CertificateAdmin;
import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.store.LocalUser;
import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.pki.CertificateDetails;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.pki.UploadLimit;
import io.fedgate.certstore.store.CertificateView;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Certificate Management (list with expiry warnings, details, upload trust, generate CSR, upload
 * signed, regenerate, delete) and End Users (create, password, disable/enable, remove, roster). An
 * upload is a file or pasted PEM, capped like the API's.
 */
final class CertificateAndUserPages {
  static final long WARN_DAYS = 30;

  private final NodeControl node;
  private final Pages pages;
  private final UploadLimit limit = UploadLimit.DEFAULT;

  CertificateAndUserPages(NodeControl node, Pages pages) {
    this.node = node;
    this.pages = pages;
  }

  void register(Javalin app) {
    app.get("/admin/certificates", ctx -> certificates(ctx, 200, Map.of(), Map.of(), null));
    app.get("/admin/certificates/{store}/{alias}", this::certificate);
    app.post("/admin/certificates/{store}/trust", this::importTrust);
    app.post("/admin/certificates/{store}/csr", this::csr);
    app.post("/admin/certificates/{store}/signed", this::importSigned);
    app.post("/admin/certificates/{store}/regenerate", this::regenerate);
    app.post("/admin/certificates/{store}/{alias}/delete", this::delete);

    app.get("/admin/users", ctx -> users(ctx, 200, Map.of(), Map.of()));
    app.post("/admin/users", this::addUser);
    app.get("/admin/users/{user}/roster", this::roster);
    app.post("/admin/users/{user}/password", this::password);
    app.post("/admin/users/{user}/disable", ctx -> enable(ctx, false));
    app.post("/admin/users/{user}/enable", ctx -> enable(ctx, true));
    app.post("/admin/users/{user}/delete", this::removeUser);
  }

  /** One row of the certificate list. */
  record Row(
      String store,
      String alias,
      String kind,
      String subject,
      String issuer,
      Instant notAfter,
      Long daysLeft,
      boolean warn,
      List<String> listeners) {}

  private void certificates(
      Context ctx, int status, Map<String, String> errors, Map<String, ?> form, String csr) {
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>();
    for (CertificateView view : node.certificates().list(Optional.empty())) {
      Optional<CertificateDetails> leaf = view.leaf();
      Long days = leaf.map(l -> Duration.between(now, l.notAfter()).toDays()).orElse(null);
      rows.add(
          new Row(
              view.store().storeName(),
              view.alias(),
              view.kind().name(),
              leaf.map(CertificateDetails::subject).orElse(""),
              leaf.map(CertificateDetails::issuer).orElse(""),
              leaf.map(CertificateDetails::notAfter).orElse(null),
              days,
              days != null && days < WARN_DAYS,
              view.listeners()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Certificate Management");
    model.put("rows", rows);
    model.put("warnings", rows.stream().filter(Row::warn).count());
    model.put("stores", Arrays.stream(StoreName.values()).map(StoreName::storeName).toList());
    model.put(
        "identityStores",
        Arrays.stream(StoreName.values())
            .filter(StoreName::isIdentityStore)
            .map(StoreName::storeName)
            .toList());
    model.put("keyTypes", KeyType.values());
    model.put("errors", errors);
    model.put("form", form);
    model.put("csr", csr);
    ctx.status(status);
    pages.render(ctx, "certificates", model);
  }

  private void certificate(Context ctx) {
    StoreName store = store(ctx);
    String alias = ctx.pathParam("alias");
    CertificateView view =
        node.certificates()
            .show(store, alias)
            .orElseThrow(() -> new NotFoundResponse("no entry '" + alias + "' in " + store));
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Certificate " + store.storeName() + "/" + alias);
    model.put("view", view);
    model.put("store", store.storeName());
    Outcome<String> pem = node.certificates().export(store, alias);
    model.put("pem", pem.isAccepted() ? pem.value() : null);
    pages.render(ctx, "certificate", model);
  }

  private void importTrust(Context ctx) throws IOException {
    StoreName store = store(ctx);
    String alias = field(ctx, "alias");
    Map<String, String> errors = new LinkedHashMap<>();
    if (alias.isEmpty()) {
      errors.put("alias", "the trust entry needs an alias");
    }
    Optional<byte[]> upload = upload(ctx, errors);
    if (!errors.isEmpty()) {
      certificates(ctx, 422, errors, ConfigPages.formOf(ctx), null);
      return;
    }
    changed(
        ctx,
        node.certificates().importTrust(actor(ctx), store, alias, upload.get()),
        "Trust certificate " + alias + " added to " + store.storeName() + ".");
  }

  private void importSigned(Context ctx) throws IOException {
    StoreName store = store(ctx);
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<byte[]> upload = upload(ctx, errors);
    if (!errors.isEmpty()) {
      certificates(ctx, 422, errors, ConfigPages.formOf(ctx), null);
      return;
    }
    changed(
        ctx,
        node.certificates().importSigned(actor(ctx), store, upload.get()),
        "Signed certificate installed in " + store.storeName() + ".");
  }

  private void csr(Context ctx) {
    StoreName store = store(ctx);
    String type = field(ctx, "keyType");
    Optional<KeyType> keyType =
        Arrays.stream(KeyType.values()).filter(k -> k.name().equalsIgnoreCase(type)).findFirst();
    if (keyType.isEmpty()) {
      certificates(
          ctx,
          422,
          Map.of("keyType", "'" + type + "' is not one of " + Arrays.toString(KeyType.values())),
          ConfigPages.formOf(ctx),
          null);
      return;
    }
    Outcome<String> csr = node.certificates().generateCsr(actor(ctx), store, keyType.get());
    if (!csr.isAccepted()) {
      certificates(ctx, 422, Map.of("store", csr.rejection().toString()), Map.of(), null);
      return;
    }
    certificates(ctx, 200, Map.of(), Map.of(), csr.value());
  }

  private void regenerate(Context ctx) {
    StoreName store = store(ctx);
    String text = field(ctx, "validityDays");
    long days;
    try {
      days = text.isEmpty() ? CertificateAdmin.SELF_SIGNED_VALIDITY.toDays() : Long.parseLong(text);
    } catch (NumberFormatException e) {
      days = -1;
    }
    if (days < 1 || days > 3650) {
      certificates(
          ctx,
          422,
          Map.of("validityDays", "must be a whole number of days from 1 to 3650"),
          ConfigPages.formOf(ctx),
          null);
      return;
    }
    changed(
        ctx,
        node.certificates().regenerate(actor(ctx), store, Duration.ofDays(days)),
        "Self-signed " + store.storeName() + " identity regenerated.");
  }

  private void delete(Context ctx) {
    StoreName store = store(ctx);
    String alias = ctx.pathParam("alias");
    changed(
        ctx,
        node.certificates().delete(actor(ctx), store, alias),
        alias + " removed from " + store.storeName() + ".");
  }

  private void changed(Context ctx, Outcome<CertificateAdmin.Changed> outcome, String message) {
    if (!outcome.isAccepted()) {
      certificates(
          ctx,
          422,
          Map.of("certificate", outcome.rejection().toString()),
          ConfigPages.formOf(ctx),
          null);
      return;
    }
    CertificateAdmin.Changed changed = outcome.value();
    String effect =
        changed.restartRequired().isEmpty()
            ? ""
            : " Restart required: "
                + String.join(", ", CertificateJson.names(changed.restartRequired()))
                + " (see the Control Center).";
    done(ctx, message + effect, "/admin/certificates");
  }

  /** The uploaded file, else the pasted PEM; a problem under "file" when neither or too big. */
  private Optional<byte[]> upload(Context ctx, Map<String, String> errors) throws IOException {
    byte[] bytes = null;
    UploadedFile file = ctx.uploadedFile("file");
    if (file != null && file.size() > 0) {
      if (file.size() > limit.maxBytes()) {
        errors.put("file", "the upload has more than " + limit.maxBytes() + " bytes");
        return Optional.empty();
      }
      try (InputStream in = file.content()) {
        bytes = in.readNBytes(limit.maxBytes() + 1);
      }
    } else {
      String pem = ctx.formParam("pem");
      if (pem != null && !pem.isBlank()) {
        bytes = pem.getBytes(StandardCharsets.UTF_8);
      }
    }
    if (bytes == null) {
      errors.put("file", "choose a file or paste the PEM text");
      return Optional.empty();
    }
    if (bytes.length > limit.maxBytes()) {
      errors.put("file", "the upload has more than " + limit.maxBytes() + " bytes");
      return Optional.empty();
    }
    return Optional.of(bytes);
  }

  private static StoreName store(Context ctx) {
    return StoreName.fromStoreName(ctx.pathParam("store"))
        .orElseThrow(
            () -> new NotFoundResponse("no certificate store '" + ctx.pathParam("store") + "'"));
  }

  // --- End Users ---

  private void users(Context ctx, int status, Map<String, String> errors, Map<String, ?> form) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", "End Users");
    model.put("users", node.users().list());
    model.put("domains", node.status().localDomains());
    model.put("errors", errors);
    model.put("form", form);
    ctx.status(status);
    pages.render(ctx, "users", model);
  }

  private void addUser(Context ctx) {
    String username = field(ctx, "username");
    String domain = field(ctx, "domain");
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    ConfigResult<LocalUser> result =
        node.users()
            .add(actor(ctx), username, domain.isEmpty() ? null : domain, password.toCharArray());
    if (result instanceof ConfigResult.Refused<LocalUser> refused) {
      users(ctx, 422, PageForms.byField(refused.problems()), ConfigPages.formOf(ctx));
      return;
    }
    done(ctx, "End user " + username + " created.", "/admin/users");
  }

  private void password(Context ctx) {
    String user = ctx.pathParam("user");
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    ConfigResult<LocalUser> result =
        node.users().setPassword(actor(ctx), user, password.toCharArray());
    if (result instanceof ConfigResult.Refused<LocalUser> refused) {
      users(ctx, 422, PageForms.byField(refused.problems()), Map.of());
      return;
    }
    done(ctx, "Password of " + user + " changed.", "/admin/users");
  }

  private void enable(Context ctx, boolean enabled) {
    String user = ctx.pathParam("user");
    ConfigResult<LocalUser> result = node.users().setEnabled(actor(ctx), user, enabled);
    if (result instanceof ConfigResult.Refused<LocalUser> refused) {
      users(ctx, 422, PageForms.byField(refused.problems()), Map.of());
      return;
    }
    done(ctx, user + (enabled ? " enabled." : " disabled."), "/admin/users");
  }

  private void removeUser(Context ctx) {
    String user = ctx.pathParam("user");
    ConfigResult<LocalUser> result = node.users().remove(actor(ctx), user);
    if (result instanceof ConfigResult.Refused<LocalUser> refused) {
      users(ctx, 422, PageForms.byField(refused.problems()), Map.of());
      return;
    }
    done(ctx, user + " removed.", "/admin/users");
  }

  private void roster(Context ctx) {
    String user = ctx.pathParam("user");
    LocalUser found =
        node.users().list().stream()
            .filter(u -> u.jid().equalsIgnoreCase(user) || u.username().equalsIgnoreCase(user))
            .findFirst()
            .orElseThrow(() -> new NotFoundResponse("no end user '" + user + "'"));
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Roster of " + found.jid());
    model.put("user", found);
    model.put("items", node.roster(found.id()));
    pages.render(ctx, "roster", model);
  }
}
