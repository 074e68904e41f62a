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

  /** Tags removed, {@code <br>} and block ends as newlines, the five XML entities and nbsp. */
  static String toPlain(String html) {
    String s = html.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1\\s*>", "");
    s = s.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li)\\s*>", "\n");
    s = s.replaceAll("<[^>]*>", "");
    s =
        s.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    return s.strip();
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
