package io.fedgate.appliance.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fedgate.appliance.boot.ListenerConfig;
import io.fedgate.appliance.security.AdminAccounts;
import io.fedgate.appliance.security.LoginThrottle;
import io.fedgate.appliance.security.Tokens;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTPS endpoint (Javalin on Jetty): REST API for the CLI and tools, health and
 * Prometheus metrics, and the admin pages (served while the Admin Web service runs). HTTPS only,
 * with the node's {@code admin} identity. Errors never carry stack traces.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  private final Javalin app;
  private final ListenerConfig listener;
  private final SslContextFactory.Server tls = new SslContextFactory.Server();
  private final RecentLogs recentLogs;

  public AdminServer(
      ListenerConfig listener,
      SSLContext sslContext,
      AdminAccounts accounts,
      NodeControl node,
      MetricsEndpoint metrics,
      Clock clock,
      SecureRandom random) {
    this.listener = listener;
    tls.setSslContext(sslContext);
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.jetty.addConnector((server, http) -> connector(server, http));
            });
    Pages pages = new Pages();
    this.recentLogs = RecentLogs.attach();
    AdminSessions sessions = new AdminSessions(random, clock, () -> sessionTimeout(node));
    Authenticator auth = new Authenticator(accounts, sessions, new LoginThrottle(clock), pages);
    new AdminRoutes(app, auth, node, metrics).register();
    new LoginRoutes(auth, sessions, pages, node).register(app);
    new AdminAccountRoutes(accounts, sessions, new Tokens(random)).register(app);
    new AdminPages(node, accounts, sessions, pages, recentLogs).register(app);
    new ConfigPages(node, pages).register(app);
    new CertificateAndUserPages(node, pages).register(app);
    new XmppPages(node, pages).register(app);
    new TlsProxyPage(node, pages).register(app);
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (isPage(ctx)) {
            pages.problem(ctx, e.getStatus(), "Request refused", e.getMessage());
          } else {
            ctx.status(e.getStatus())
                .json(
                    Map.of(
                        "title", e.getMessage(),
                        "error", e.getMessage(),
                        "status", e.getStatus(),
                        "problems", List.of()));
          }
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("admin request {} {} failed", ctx.method(), ctx.path(), e);
          if (isPage(ctx)) {
            pages.problem(
                ctx,
                500,
                "Something went wrong",
                "The request failed inside the node; the node log has the details.");
          } else {
            ctx.status(500).json(Map.of("error", "internal error; see the node log"));
          }
        });
  }

  private static boolean isPage(io.javalin.http.Context ctx) {
    return ctx.path().startsWith("/admin");
  }

  private static Duration sessionTimeout(NodeControl node) {
    try {
      return Duration.ofMinutes(
          Long.parseLong(node.parameters().value("admin.session-timeout-minutes")));
    } catch (RuntimeException e) {
      return Duration.ofMinutes(30);
    }
  }

  private ServerConnector connector(
      org.eclipse.jetty.server.Server server, HttpConfiguration http) {
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector created =
        new ServerConnector(
            server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    created.setHost(listener.address());
    created.setPort(listener.port());
    return created;
  }

  public void start() {
    app.start();
    log.info("admin endpoint listening on {}", url());
  }

  /**
   * Serves another identity to new connections; open connections keep theirs.
   *
   * @throws Exception when Jetty cannot load the new context (the old one stays in use)
   */
  public void reloadTls(SSLContext sslContext) throws Exception {
    tls.reload(factory -> factory.setSslContext(sslContext));
  }

  /** The bound port (the configured one, or the one the OS chose for port 0). */
  public int boundPort() {
    return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
  }

  public URI url() {
    String host =
        listener.address().contains(":") ? "[" + listener.address() + "]" : listener.address();
    if (host.equals("0.0.0.0") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return URI.create("https://" + host + ":" + boundPort());
  }

  @Override
  public void close() {
    app.stop();
    recentLogs.detach();
  }
}
