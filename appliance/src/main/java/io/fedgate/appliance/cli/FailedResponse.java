package io.fedgate.appliance.cli;

/** The node refused a request; {@link NodeCommand} prints its error and exits with 1. */
final class FailedResponse extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient AdminClient.Response response;

  FailedResponse(AdminClient.Response response) {
    super(response.error());
    this.response = response;
  }

  AdminClient.Response response() {
    return response;
  }

  /** The response if it succeeded; otherwise throws. */
  static AdminClient.Response ok(AdminClient.Response response) {
    if (!response.ok()) {
      throw new FailedResponse(response);
    }
    return response;
  }
}
