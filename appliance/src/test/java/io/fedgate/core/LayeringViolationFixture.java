package io.fedgate.core;

import java.io.IOException;
import java.net.Socket;

/** A deliberate violation (a socket in a core package) that proves the layering rule can fail. */
public final class LayeringViolationFixture {
  private LayeringViolationFixture() {}

  static Socket connect() throws IOException {
    return new Socket("127.0.0.1", 1);
  }
}
