package io.llmpolicy.plugin.http;

import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.ProviderException;
import java.util.function.Function;

/**
 * Checks and messages every HTTP model provider needs the same way: what to do with a streaming reply once it has
 * ended, and how to quote a body in an error. Stateless and thread-safe.
 */
public final class ProviderReplies {
    /** Longest body excerpt quoted in an error message. */
    public static final int EXCERPT_CHARS = 200;

    private ProviderReplies() {
    }

    /**
     * The end of a streaming call: throws {@code errors.apply(reply)} for an error status; a
     * {@link ErrorClass#SERVER_ERROR} {@code not_a_stream} when a 2xx reply was not an event stream (and produced no
     * complete stream); a {@link ErrorClass#NETWORK} error when the stream ended before its terminator. Returns
     * normally only for a complete stream.
     *
     * @param done       whether the provider's end-of-stream marker arrived
     * @param endpoint   the endpoint's name, for messages
     * @param terminator the marker's name as the provider spells it ({@code [DONE]}, {@code message_stop})
     * @param textLength characters received, for the message of a cut stream
     */
    public static void checkStreamEnd(HttpReply reply, boolean done, String endpoint, String terminator,
                                      int textLength, Function<HttpReply, ProviderException> errors) {
        if (!reply.isSuccess()) {
            throw errors.apply(reply);
        }
        String type = reply.headers().firstValue("Content-Type").orElse("");
        if (!done && !type.contains("text/event-stream")) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, reply.status(), null, "not_a_stream", "endpoint '"
                    + endpoint + "': answered a stream request with '" + type + "' instead of an event stream", null);
        }
        if (!done) {
            throw ProviderException.of(ErrorClass.NETWORK, "endpoint '" + endpoint + "': stream ended before "
                    + terminator + " after " + textLength + " characters", null);
        }
    }

    /** A 2xx reply whose body is not what the provider's API promises. */
    public static ProviderException malformed(String message, Throwable cause) {
        return new ProviderException(ErrorClass.SERVER_ERROR, 200, null, "malformed_response", message, cause);
    }

    /** {@code body} on one line, cut to {@link #EXCERPT_CHARS} characters, for error messages. */
    public static String excerpt(String body) {
        String one = body.replace('\n', ' ');
        return one.length() > EXCERPT_CHARS ? one.substring(0, EXCERPT_CHARS - 3) + "..." : one;
    }
}
