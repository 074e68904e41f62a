package io.fedgate.appliance.admin;

/**
 * The admin landing page: node identity and the Control Center table. Plain server-side HTML, every
 * value escaped.
 */
final class AdminHomePage {
  private AdminHomePage() {}

  static String render(NodeStatus status) {
    StringBuilder html = new StringBuilder(2048);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>fedgate — ")
        .append(escape(status.nodeFqdn()))
        .append("</title></head><body><h1>fedgate ")
        .append(escape(status.nodeFqdn()))
        .append("</h1><p>Version ")
        .append(escape(status.version()))
        .append(" · domains ")
        .append(escape(String.join(", ", status.localDomains())))
        .append("</p><h2>Control Center</h2><table><thead><tr><th>Service</th><th>Status</th>")
        .append("<th>Since</th><th>Notes</th></tr></thead><tbody>");
    for (NodeStatus.ServiceView service : status.services()) {
      html.append("<tr><td>")
          .append(escape(service.name()))
          .append("</td><td>")
          .append(escape(service.state()))
          .append("</td><td>")
          .append(escape(String.valueOf(service.since())))
          .append("</td><td>")
          .append(service.restartRequired() ? "restart required: " : "")
          .append(escape(String.join("; ", service.restartReasons())))
          .append(service.lastError() == null ? "" : escape(service.lastError()))
          .append("</td></tr>");
    }
    return html.append("</tbody></table></body></html>").toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
