package io.fedgate.appliance.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for the admin pages over the pinned HTTPS client: keeps cookies, posts forms,
 * never follows redirects (tests look at them).
 */
final class FormClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern LOGIN = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"");

  private final HttpClient http;
  private final URI base;
  final Map<String, String> cookies = new LinkedHashMap<>();
  String csrf;

  FormClient(TestNode node) throws IOException, GeneralSecurityException {
    this.http = node.https();
    this.base = node.adminUrl();
  }

  /** Logs in through the login form; returns the login POST's response. */
  HttpResponse<String> login(String user, String password) throws Exception {
    HttpResponse<String> form = get("/admin/login");
    Matcher token = LOGIN.matcher(form.body());
    if (!token.find()) {
      throw new AssertionError("no login token in " + form.body());
    }
    HttpResponse<String> response =
        post(
            "/admin/login",
            Map.of("_login", token.group(1), "username", user, "password", password));
    if (response.statusCode() == 303) {
      get("/admin/"); // picks up the session's CSRF token
    }
    return response;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            withCookies(HttpRequest.newBuilder(base.resolve(path))).GET().build(), ofString());
    remember(response);
    return response;
  }

  /** Posts a form with this session's CSRF token added. */
  HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", csrf);
    return post(path, all);
  }

  HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(path, "application/x-www-form-urlencoded", body);
  }

  HttpResponse<String> send(String path, String contentType, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            withCookies(HttpRequest.newBuilder(base.resolve(path.replace(" ", "%20"))))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            ofString());
    remember(response);
    return response;
  }

  List<String> setCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie");
  }

  private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    return request;
  }

  private void remember(HttpResponse<String> response) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      if (value.isEmpty() || header.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    Matcher token = CSRF.matcher(response.body());
    if (token.find()) {
      csrf = token.group(1);
    }
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
