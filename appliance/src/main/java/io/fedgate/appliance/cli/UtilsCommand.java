package io.fedgate.appliance.cli;

import picocli.CommandLine.Command;

/** {@code fedgate utils ...}: IM&P-style platform commands. */
@Command(
    name = "utils",
    description = "Platform utilities (services, parameters, audit log).",
    mixinStandardHelpOptions = true,
    subcommands = {ServiceCommand.class, ParamCommand.class, AuditCommand.class})
final class UtilsCommand {}
