package io.peerlab.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * A Logback turbo filter (named in the command's {@code logback.xml}): the fatal error Pekko logs
 * before it shuts an ActorSystem down goes to {@link FatalErrors} and the log event is held back,
 * so the command prints its own line. Apart from {@link FatalErrors}, which needs no Logback.
 */
public final class FatalErrorFilter extends TurboFilter {
  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    Throwable cause = t;
    if (cause == null && params != null && params.length > 0
        && params[params.length - 1] instanceof Throwable last) {
      cause = last;
    }
    return level == Level.ERROR && cause != null && FatalErrors.record(cause)
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
