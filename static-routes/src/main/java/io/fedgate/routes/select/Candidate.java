package io.fedgate.routes.select;

import io.fedgate.routes.NextHop;
import io.fedgate.routes.StaticRoute;

/** One place to try, in failover order. This module does no DNS: SRV candidates are look-ups. */
public sealed interface Candidate {

  /** For operators and logs. */
  String describe();

  /** Connect to the route's next hop and port. */
  record Direct(StaticRoute route) implements Candidate {
    public NextHop hop() {
      return route.hop();
    }

    @Override
    public String describe() {
      return hop() + " via static route " + route.destinationPattern();
    }
  }

  /** Route with next hop port 0: resolve {@link StaticRoute#srvName()} and use its targets. */
  record RouteSrv(StaticRoute route) implements Candidate {
    public String srvName() {
      return route.srvName();
    }

    @Override
    public String describe() {
      return "resolve SRV " + srvName() + " via static route " + route.destinationPattern();
    }
  }

  /** No static route: resolve the domain's own {@code _sipfederationtls._tcp} SRV record. */
  record DomainSrv(String domain) implements Candidate {
    public String srvName() {
      return StaticRoute.SIP_FEDERATION_SRV + "." + domain;
    }

    @Override
    public String describe() {
      return "resolve SRV " + srvName();
    }
  }

  /** The candidate for a usable route: direct, or an SRV look-up for port 0. */
  static Candidate of(StaticRoute route) {
    return route.resolvesSrv() ? new RouteSrv(route) : new Direct(route);
  }
}
