package io.fedgate.appliance.admin;

import io.fedgate.appliance.security.AdminAccounts;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates admin endpoint requests: a bearer API token (the local CLI credential) or HTTP
 * Basic with an administrator's password. The authenticated user becomes the audit actor.
 */
final class Authenticator {
  static final String ACTOR = "fedgate.actor";

  private final AdminAccounts accounts;

  Authenticator(AdminAccounts accounts) {
    this.accounts = accounts;
  }

  void require(Context ctx) {
    Optional<String> user = authenticate(ctx.header("Authorization"));
    if (user.isEmpty()) {
      ctx.header("WWW-Authenticate", "Basic realm=\"fedgate\", charset=\"UTF-8\"");
      throw new UnauthorizedResponse("authentication required");
    }
    ctx.attribute(ACTOR, user.get());
  }

  private Optional<String> authenticate(String header) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return accounts.authenticateToken(header.substring(7).trim());
    }
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      return accounts.authenticatePassword(
          decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }
    return Optional.empty();
  }
}
