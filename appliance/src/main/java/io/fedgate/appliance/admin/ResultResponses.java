package io.fedgate.appliance.admin;

import io.fedgate.appliance.config.ConfigResult;
import io.fedgate.appliance.service.ServiceName;
import io.fedgate.core.config.ConfigProblem;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How config results travel: 422 with every problem, or 200 with the value and its effect. */
final class ResultResponses {
  private ResultResponses() {}

  static void send(Context ctx, ConfigResult<?> result) {
    if (result instanceof ConfigResult.Refused<?> refused) {
      invalid(ctx, refused.problems());
    } else if (result instanceof ConfigResult.Done<?> done) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("value", done.value());
      body.put("appliedLive", names(done.appliedLive()));
      body.put("restartRequired", names(done.restartRequired()));
      ctx.json(body);
    }
  }

  static void invalid(Context ctx, List<ConfigProblem> problems) {
    ctx.status(422).json(Map.of("error", "invalid configuration", "problems", problems));
  }

  private static List<String> names(Set<ServiceName> services) {
    return services.stream().map(ServiceName::displayName).sorted().toList();
  }
}
