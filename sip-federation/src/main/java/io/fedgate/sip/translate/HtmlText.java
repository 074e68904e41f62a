package io.fedgate.sip.translate;

import io.fedgate.core.stanza.XmlElement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code text/html} IM bodies: plain text for {@code <body/>}, and XHTML-IM (XEP-0071) when the
 * HTML is well-formed enough to read as XML, filtered to the XEP's recommended profile (no scripts,
 * no event attributes, only {@code style}, {@code href}, {@code src}, {@code alt}).
 */
final class HtmlText {
  static final String XHTML_IM = "http://jabber.org/protocol/xhtml-im";
  static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final Set<String> ELEMENTS =
      Set.of(
          "a", "br", "cite", "code", "em", "img", "li", "ol", "p", "span", "strong", "ul", "b", "i",
          "u", "font", "div");
  private static final Set<String> ATTRIBUTES = Set.of("style", "href", "src", "alt");

  private HtmlText() {}

  /**
   * Tags removed, {@code <br>} and block ends as newlines, script/style/head content dropped, the
   * five XML entities and nbsp decoded. One linear pass (no backtracking regex on peer input).
   */
  static String toPlain(String html) {
    String lower = html.toLowerCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c != '<') {
        out.append(c);
        i++;
        continue;
      }
      int end = html.indexOf('>', i);
      if (end < 0) {
        break; // an unterminated tag: drop the rest
      }
      String tag = lower.substring(i + 1, end).strip();
      String name = tag.split("[\\s/]", 2)[0];
      if (name.equals("script") || name.equals("style") || name.equals("head")) {
        int close = lower.indexOf("</" + name, end);
        int closeEnd = close < 0 ? -1 : lower.indexOf('>', close);
        i = closeEnd < 0 ? html.length() : closeEnd + 1;
        continue;
      }
      if (name.equals("br") || tag.equals("/p") || tag.equals("/div") || tag.equals("/li")) {
        out.append('\n');
      }
      i = end + 1;
    }
    return out.toString()
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .strip();
  }

  /** The XEP-0071 {@code <html/>} element, if the HTML reads as XML. */
  static Optional<XmlElement> toXhtmlIm(String html) {
    String fragment = html.replaceAll("(?is)^.*<body[^>]*>", "").replaceAll("(?is)</body>.*$", "");
    String wrapped =
        "<body xmlns='" + XHTML + "'>" + fragment.replace("&nbsp;", "&#160;") + "</body>";
    return XmlBodies.parse(wrapped.getBytes(StandardCharsets.UTF_8))
        .map(HtmlText::filter)
        .map(body -> new XmlElement(XHTML_IM, "html", Map.of(), List.of(body)));
  }

  private static XmlElement filter(XmlElement element) {
    List<Object> kids = new ArrayList<>();
    for (Object child : element.children()) {
      if (child instanceof XmlElement e) {
        if (e.namespace().equals(XHTML) && ELEMENTS.contains(e.name())) {
          kids.add(filter(e));
        } else if (!e.name().equals("script") && !e.name().equals("style")) {
          kids.addAll(filter(e).children()); // unknown element: keep its content only
        }
      } else {
        kids.add(child);
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    element
        .attributes()
        .forEach(
            (k, v) -> {
              boolean scriptUrl =
                  v.strip().toLowerCase(java.util.Locale.ROOT).startsWith("javascript:");
              if (ATTRIBUTES.contains(k) && !scriptUrl) {
                attrs.put(k, v);
              }
            });
    return new XmlElement(XHTML, element.name(), attrs, kids);
  }
}
