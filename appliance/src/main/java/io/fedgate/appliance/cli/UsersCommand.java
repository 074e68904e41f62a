package io.fedgate.appliance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedgate users list|add|passwd|disable|enable|remove}: local XMPP users. The user's
 * password comes from {@code --user-password-file} ({@code --password-file} is the administrator's
 * own, see {@link NodeOptions}); without one a password is generated and printed once.
 */
@Command(
    name = "users",
    description = "Local XMPP users of this node's domains.",
    mixinStandardHelpOptions = true,
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.Add.class,
      UsersCommand.Passwd.class,
      UsersCommand.Disable.class,
      UsersCommand.Enable.class,
      UsersCommand.Remove.class
    })
final class UsersCommand {
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  @Command(name = "list", description = "List the local users.")
  static final class ListUsers extends NodeCommand {
    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      for (JsonNode u : FailedResponse.ok(client.get("/api/v1/users")).body()) {
        out.printf(
            "  %-48s %s%n",
            u.path("username").asText() + "@" + u.path("domain").asText(),
            u.path("enabled").asBoolean() ? "enabled" : "disabled");
      }
      return 0;
    }
  }

  /** The options of commands that set a password. */
  abstract static class WithPassword extends NodeCommand {
    @Option(
        names = "--user-password-file",
        paramLabel = "FILE",
        description = "the user's new password (first line); generated and printed if absent")
    Path passwordFile;

    /** The password, and whether it was generated (and so must be printed once). */
    record Password(String value, boolean generated) {}

    Password password() throws CliException {
      if (passwordFile == null) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
          sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new Password(sb.toString(), true);
      }
      try {
        String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        return new Password(text.lines().findFirst().orElse(""), false);
      } catch (IOException e) {
        throw new CliException(
            FedgateCli.EXIT_INVALID, "cannot read " + passwordFile + ": " + e.getMessage());
      }
    }

    static void printGenerated(Password password, PrintWriter out) {
      if (password.generated()) {
        out.println("password: " + password.value() + "  (shown once; only SCRAM keys are stored)");
      }
    }
  }

  @Command(name = "add", description = "Create a user.")
  static final class Add extends WithPassword {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "default: the first domain")
    String domain;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Password password = password();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("username", user);
      if (domain != null) {
        body.put("domain", domain);
      }
      body.put("password", password.value());
      JsonNode result = FailedResponse.ok(client.post("/api/v1/users", body)).body();
      JsonNode created = result.path("value");
      out.println(
          "created " + created.path("username").asText() + "@" + created.path("domain").asText());
      printGenerated(password, out);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  @Command(name = "passwd", description = "Set a user's password.")
  static final class Passwd extends WithPassword {
    @Parameters(index = "0", paramLabel = "USER", description = "name or name@domain")
    String user;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      Password password = password();
      JsonNode result =
          FailedResponse.ok(
                  client.put(
                      "/api/v1/users/" + RoutesCommand.encode(user) + "/password",
                      Map.of("password", password.value())))
              .body();
      out.println("password set for " + user);
      printGenerated(password, out);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  @Command(name = "disable", description = "Disable a user and close its sessions.")
  static final class Disable extends NodeCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "name or name@domain")
    String user;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      return action(client, out, user, "disable", "disabled ");
    }
  }

  @Command(name = "enable", description = "Enable a disabled user.")
  static final class Enable extends NodeCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "name or name@domain")
    String user;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      return action(client, out, user, "enable", "enabled ");
    }
  }

  @Command(name = "remove", description = "Delete a user, its offline messages and sessions.")
  static final class Remove extends NodeCommand {
    @Parameters(index = "0", paramLabel = "USER", description = "name or name@domain")
    String user;

    @Override
    int run(AdminClient client, PrintWriter out) throws CliException {
      JsonNode result =
          FailedResponse.ok(client.delete("/api/v1/users/" + RoutesCommand.encode(user))).body();
      out.println("removed " + user);
      ChangePrinter.effect(result, out);
      return 0;
    }
  }

  private static int action(
      AdminClient client, PrintWriter out, String user, String action, String done)
      throws CliException {
    JsonNode result =
        FailedResponse.ok(client.post("/api/v1/users/" + RoutesCommand.encode(user) + "/" + action))
            .body();
    out.println(done + user);
    ChangePrinter.effect(result, out);
    return 0;
  }
}
