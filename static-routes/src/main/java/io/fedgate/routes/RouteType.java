package io.fedgate.routes;

import io.fedgate.routes.pattern.PatternSyntax;

/** IM&amp;P's "Route Type": which part of the destination address the pattern is matched on. */
public enum RouteType {
  /** Matched on the user part ({@code .} is a one-character wildcard). IM&amp;P's default. */
  USER,
  /** Matched on the reversed host part; used for federation. */
  DOMAIN;

  /** How patterns of this route type read their characters. */
  public PatternSyntax syntax() {
    return switch (this) {
      case USER -> PatternSyntax.USER;
      case DOMAIN -> PatternSyntax.HOST;
    };
  }
}
