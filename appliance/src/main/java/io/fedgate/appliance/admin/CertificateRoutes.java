package io.fedgate.appliance.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.appliance.certs.CertificateAdmin;
import io.fedgate.appliance.certs.TlsSettingsAdmin;
import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.StoreName;
import io.fedgate.certstore.check.PreflightReport;
import io.fedgate.certstore.pki.KeyType;
import io.fedgate.certstore.pki.UploadLimit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * REST API of the certificate stores ({@code /api/v1/certificates}) and, through {@link
 * TlsSettingsRoutes}, of TLS peer subjects and contexts. Uploads are the raw file in the body
 * (capped, see {@link UploadBody}); a refused operation answers its cert-store rejection code and
 * sentence with a 4xx, and changed nothing.
 */
final class CertificateRoutes {
  private final Supplier<CertificateAdmin> certificates;
  private final Supplier<TlsSettingsAdmin> tlsSettings;
  private final UploadLimit limit = UploadLimit.DEFAULT;

  CertificateRoutes(Supplier<CertificateAdmin> certificates, Supplier<TlsSettingsAdmin> tls) {
    this.certificates = certificates;
    this.tlsSettings = tls;
  }

  void register(Javalin app) {
    String base = "/api/v1/certificates";
    app.get(base, this::list);
    app.get(base + "/{store}/{alias}", this::show);
    app.get(base + "/{store}/{alias}/pem", this::export);
    app.delete(base + "/{store}/{alias}", this::delete);
    app.post(base + "/{store}/trust", this::importTrust);
    app.post(base + "/{store}/identity", this::importIdentity);
    app.post(base + "/{store}/csr", this::csr);
    app.post(base + "/{store}/signed", this::importSigned);
    app.post(base + "/{store}/regenerate", this::regenerate);
    app.get(base + "/{store}/{alias}/preflight", this::preflight);
    new TlsSettingsRoutes(tlsSettings).register(app);
  }

  private void list(Context ctx) {
    String name = ctx.queryParam("store");
    Optional<StoreName> store = Optional.empty();
    if (name != null) {
      store = StoreName.fromStoreName(name);
      if (store.isEmpty()) {
        unknownStore(ctx, name);
        return;
      }
    }
    ctx.json(certificates.get().list(store).stream().map(CertificateJson::of).toList());
  }

  private void show(Context ctx) {
    withStore(
        ctx,
        store ->
            certificates
                .get()
                .show(store, ctx.pathParam("alias"))
                .ifPresentOrElse(
                    view -> ctx.json(CertificateJson.of(view)),
                    () ->
                        ApiErrors.notFound(
                            ctx, "no entry '" + ctx.pathParam("alias") + "' in " + store)));
  }

  private void preflight(Context ctx) {
    withStore(
        ctx,
        store -> {
          Outcome<PreflightReport> report =
              certificates.get().preflight(store, ctx.pathParam("alias"));
          if (report.isAccepted()) {
            ctx.json(
                Map.of(
                    "store", store.storeName(),
                    "usable", report.value().usable(),
                    "findings", report.value().findings()));
          } else {
            ApiErrors.refused(ctx, report.rejection());
          }
        });
  }

  private void export(Context ctx) {
    withStore(
        ctx,
        store -> {
          String alias = ctx.pathParam("alias");
          Outcome<String> pem = certificates.get().export(store, alias);
          if (pem.isAccepted()) {
            ctx.json(Map.of("store", store.storeName(), "alias", alias, "pem", pem.value()));
          } else {
            ApiErrors.refused(ctx, pem.rejection());
          }
        });
  }

  private void delete(Context ctx) {
    withStore(
        ctx,
        store ->
            changed(ctx, certificates.get().delete(actor(ctx), store, ctx.pathParam("alias"))));
  }

  private void importTrust(Context ctx) throws IOException {
    String alias = ctx.queryParam("alias");
    if (alias == null || alias.isBlank()) {
      ApiErrors.invalid(ctx, "alias", "the trust entry needs an alias: ?alias=NAME");
      return;
    }
    Optional<StoreName> store = store(ctx);
    Optional<byte[]> upload = store.isPresent() ? upload(ctx) : Optional.empty();
    if (upload.isPresent()) {
      changed(ctx, certificates.get().importTrust(actor(ctx), store.get(), alias, upload.get()));
    }
  }

  private void importIdentity(Context ctx) throws IOException {
    Optional<StoreName> store = store(ctx);
    char[] password = store.isPresent() ? UploadBody.password(ctx) : null;
    Optional<byte[]> upload = store.isPresent() ? upload(ctx) : Optional.empty();
    try {
      if (upload.isPresent()) {
        changed(
            ctx,
            certificates.get().importIdentity(actor(ctx), store.get(), upload.get(), password));
      }
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private void importSigned(Context ctx) throws IOException {
    Optional<StoreName> store = store(ctx);
    Optional<byte[]> upload = store.isPresent() ? upload(ctx) : Optional.empty();
    if (upload.isPresent()) {
      changed(ctx, certificates.get().importSigned(actor(ctx), store.get(), upload.get()));
    }
  }

  private void csr(Context ctx) {
    Optional<JsonNode> body = ApiErrors.jsonObject(ctx);
    Optional<StoreName> store = body.isPresent() ? store(ctx) : Optional.empty();
    if (store.isEmpty()) {
      return;
    }
    String type = body.get().path("keyType").asText(KeyType.RSA_2048.name());
    Optional<KeyType> keyType =
        Arrays.stream(KeyType.values()).filter(k -> k.name().equalsIgnoreCase(type)).findFirst();
    if (keyType.isEmpty()) {
      ApiErrors.invalid(
          ctx, "keyType", "'" + type + "' is not one of " + Arrays.toString(KeyType.values()));
      return;
    }
    Outcome<String> csr = certificates.get().generateCsr(actor(ctx), store.get(), keyType.get());
    if (csr.isAccepted()) {
      ctx.json(Map.of("store", store.get().storeName(), "csr", csr.value()));
    } else {
      ApiErrors.refused(ctx, csr.rejection());
    }
  }

  private void regenerate(Context ctx) {
    Optional<JsonNode> body = ApiErrors.jsonObject(ctx);
    Optional<StoreName> store = body.isPresent() ? store(ctx) : Optional.empty();
    if (store.isEmpty()) {
      return;
    }
    JsonNode days = body.get().path("validityDays");
    long validity = days.isMissingNode() ? CertificateAdmin.SELF_SIGNED_VALIDITY.toDays() : -1;
    if (days.canConvertToLong() && days.isIntegralNumber()) {
      validity = days.asLong();
    }
    if (validity < 1 || validity > 3650) {
      ApiErrors.invalid(ctx, "validityDays", "must be a whole number of days from 1 to 3650");
      return;
    }
    changed(ctx, certificates.get().regenerate(actor(ctx), store.get(), Duration.ofDays(validity)));
  }

  private Optional<byte[]> upload(Context ctx) throws IOException {
    Outcome<byte[]> upload = UploadBody.read(ctx, limit);
    if (!upload.isAccepted()) {
      ApiErrors.refused(ctx, upload.rejection());
      return Optional.empty();
    }
    return Optional.of(upload.value());
  }

  private static void changed(Context ctx, Outcome<CertificateAdmin.Changed> outcome) {
    if (outcome.isAccepted()) {
      ctx.json(CertificateJson.Changed.of(outcome.value()));
    } else {
      ApiErrors.refused(ctx, outcome.rejection());
    }
  }

  private static void withStore(Context ctx, java.util.function.Consumer<StoreName> action) {
    store(ctx).ifPresent(action);
  }

  private static Optional<StoreName> store(Context ctx) {
    String name = ctx.pathParam("store");
    Optional<StoreName> store = StoreName.fromStoreName(name);
    if (store.isEmpty()) {
      unknownStore(ctx, name);
    }
    return store;
  }

  private static void unknownStore(Context ctx, String name) {
    List<String> names = Arrays.stream(StoreName.values()).map(StoreName::storeName).toList();
    ApiErrors.notFound(
        ctx, "no certificate store '" + name + "'; stores: " + String.join(", ", names));
  }

  private static String actor(Context ctx) {
    return ctx.attribute(Authenticator.ACTOR);
  }
}
