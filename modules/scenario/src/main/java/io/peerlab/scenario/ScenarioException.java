package io.peerlab.scenario;

/**
 * Bad input: a missing file, a syntax error, an unknown key, a value of the wrong type or out of
 * range. The message is one line naming the key and what is allowed; the CLI prints it and exits
 * with code 2.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  /** "key 'peerlab.x': &lt;what is wrong&gt;". */
  public static ScenarioException key(String path, String problem) {
    return new ScenarioException("key '" + path + "': " + problem);
  }
}
