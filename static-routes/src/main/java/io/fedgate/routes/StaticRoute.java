package io.fedgate.routes;

import io.fedgate.core.net.HostSyntax;

/**
 * An IM&amp;P static route (Presence &gt; Routing &gt; Static Routes), as plain fields so that a
 * store adapter can build it from a row. The record accepts any values; {@link RouteValidator}
 * reports what is wrong. Use {@link #builder(String)} for IM&amp;P's defaults.
 *
 * @param destinationPattern up to 255 characters; domain routes in reversed form ({@code
 *     .com.example.*}), see {@link io.fedgate.routes.pattern.DestinationPattern}
 * @param description up to 255 characters
 * @param nextHop FQDN, IP literal or SRV owner name; may be empty only on a blocked route
 * @param nextHopPort 0..65535; 0 resolves SRV {@code _sipfederationtls._tcp} (see {@link
 *     #srvName()})
 * @param routeType user (default) or domain
 * @param protocol TCP (default), UDP or TLS
 * @param priority 1..65535, lower is tried first (default 1)
 * @param weight 1..65535, share among routes of equal priority (default 10)
 * @param allowLessSpecific whether less specific patterns may be tried when this one cannot be used
 *     (default true)
 * @param inService false takes the route out of service without deleting it (default true)
 * @param blocked a blocked route stops the search: requests it matches are refused (default false)
 * @param builtIn the predefined {@code .*} open-federation route, which cannot be deleted
 */
public record StaticRoute(
    String destinationPattern,
    String description,
    String nextHop,
    int nextHopPort,
    RouteType routeType,
    Transport protocol,
    int priority,
    int weight,
    boolean allowLessSpecific,
    boolean inService,
    boolean blocked,
    boolean builtIn) {

  /** IM&amp;P's default next hop port. */
  public static final int DEFAULT_PORT = 5060;

  /** The port of SIP federation over TLS. */
  public static final int TLS_PORT = 5061;

  /** Next hop port that means "resolve the SRV record". */
  public static final int SRV_PORT = 0;

  /** SRV service and protocol labels used for port 0. */
  public static final String SIP_FEDERATION_SRV = "_sipfederationtls._tcp";

  /** Pattern of the predefined open-federation route. */
  public static final String OPEN_FEDERATION_PATTERN = ".*";

  /**
   * The predefined {@code .*} open-federation route as on a fresh install: a domain route, blocked,
   * without a next hop. Enabling SIP open federation means setting its next hop and unblocking it.
   */
  public static StaticRoute openFederation() {
    return builder(OPEN_FEDERATION_PATTERN)
        .description("SIP open federation (built-in)")
        .routeType(RouteType.DOMAIN)
        .protocol(Transport.TLS)
        .nextHopPort(TLS_PORT)
        .blocked(true)
        .builtIn(true)
        .build();
  }

  /** A builder with IM&amp;P's defaults for the given pattern. */
  public static Builder builder(String destinationPattern) {
    return new Builder(destinationPattern);
  }

  /** A builder initialised with this route's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Port 0: the next hop is found through DNS SRV. */
  public boolean resolvesSrv() {
    return nextHopPort == SRV_PORT;
  }

  /**
   * The SRV owner name to resolve for port 0: the next hop itself when it already is an SRV name,
   * else {@code _sipfederationtls._tcp.<next hop>}.
   */
  public String srvName() {
    String host = HostSyntax.normalize(nextHop);
    return host.startsWith("_") ? host : SIP_FEDERATION_SRV + "." + host;
  }

  /** Next hop as a value (normalized host). */
  public NextHop hop() {
    String host = HostSyntax.normalize(nextHop);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new NextHop(host, nextHopPort, protocol);
  }

  /** Fluent construction with IM&amp;P defaults; not thread-safe. */
  public static final class Builder {
    private String destinationPattern;
    private String description = "";
    private String nextHop = "";
    private int nextHopPort = DEFAULT_PORT;
    private RouteType routeType = RouteType.USER;
    private Transport protocol = Transport.TCP;
    private int priority = 1;
    private int weight = 10;
    private boolean allowLessSpecific = true;
    private boolean inService = true;
    private boolean blocked;
    private boolean builtIn;

    private Builder(String destinationPattern) {
      this.destinationPattern = destinationPattern;
    }

    private Builder(StaticRoute r) {
      this.destinationPattern = r.destinationPattern;
      this.description = r.description;
      this.nextHop = r.nextHop;
      this.nextHopPort = r.nextHopPort;
      this.routeType = r.routeType;
      this.protocol = r.protocol;
      this.priority = r.priority;
      this.weight = r.weight;
      this.allowLessSpecific = r.allowLessSpecific;
      this.inService = r.inService;
      this.blocked = r.blocked;
      this.builtIn = r.builtIn;
    }

    public Builder destinationPattern(String value) {
      this.destinationPattern = value;
      return this;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** Next hop host and port together. */
    public Builder nextHop(String host, int port) {
      this.nextHop = host;
      this.nextHopPort = port;
      return this;
    }

    public Builder nextHop(String value) {
      this.nextHop = value;
      return this;
    }

    public Builder nextHopPort(int value) {
      this.nextHopPort = value;
      return this;
    }

    public Builder routeType(RouteType value) {
      this.routeType = value;
      return this;
    }

    public Builder protocol(Transport value) {
      this.protocol = value;
      return this;
    }

    public Builder priority(int value) {
      this.priority = value;
      return this;
    }

    public Builder weight(int value) {
      this.weight = value;
      return this;
    }

    public Builder allowLessSpecific(boolean value) {
      this.allowLessSpecific = value;
      return this;
    }

    public Builder inService(boolean value) {
      this.inService = value;
      return this;
    }

    public Builder blocked(boolean value) {
      this.blocked = value;
      return this;
    }

    public Builder builtIn(boolean value) {
      this.builtIn = value;
      return this;
    }

    public StaticRoute build() {
      return new StaticRoute(
          destinationPattern,
          description,
          nextHop,
          nextHopPort,
          routeType,
          protocol,
          priority,
          weight,
          allowLessSpecific,
          inService,
          blocked,
          builtIn);
    }
  }
}
