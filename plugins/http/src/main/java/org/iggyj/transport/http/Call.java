package org.iggyj.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.wire.Identifier;
import org.iggyj.spi.Reply;
import org.iggyj.spi.Session;
import org.iggyj.spi.TransportContext;

/**
 * One HTTP request being served: its path parameters, query, body and session, and the one way it
 * reaches the kernel, {@link #dispatch}. Confined to the worker thread serving the request.
 */
final class Call {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long DISPATCH_TIMEOUT_SECONDS = 60;

    private final TransportContext context;
    private final HttpServerExchange exchange;
    private final String[] params;
    private final byte[] body;
    private final Session session;

    Call(TransportContext context, HttpServerExchange exchange, String[] params, byte[] body, Session session) {
        this.context = context;
        this.exchange = exchange;
        this.params = params;
        this.body = body;
        this.session = session;
    }

    Session session() {
        return session;
    }

    TransportContext context() {
        return context;
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    /** @return the i-th path parameter as an identifier: numeric when it parses as a u32, else a name */
    Identifier id(int i) {
        return Identifiers.parse(params[i]);
    }

    /** @return the i-th path parameter, URL-decoded */
    String param(int i) {
        return params[i];
    }

    /** @return the i-th path parameter as a u32, or 400 */
    long u32(int i) {
        return Identifiers.u32(params[i], "path");
    }

    /** @return the query parameter, or null */
    String query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** @return the body as a JSON tree; 400 when it is not JSON, 422 when it is not an object */
    JsonNode json() {
        if (body == null || body.length == 0) {
            throw new HttpProblem(400, "Failed to parse the request body as JSON: EOF while parsing a value");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpProblem(422, "Failed to deserialize the JSON body into the target type");
            }
            return node;
        } catch (IOException e) {
            throw new HttpProblem(400, "Failed to parse the request body as JSON");
        }
    }

    /**
     * Encodes a binary request, runs it through the kernel's dispatcher as this call's session and
     * reads the reply.
     *
     * @param code    the command code
     * @param encoder writes the request payload
     * @param reader  reads the reply payload (not retained beyond the call)
     * @return what the reader returned
     * @throws IggyException with the command's error code when the kernel answers an error
     */
    <T> T dispatch(int code, Consumer<ByteBuf> encoder, Function<ByteBuf, T> reader) {
        ByteBuf payload = context.allocator().buffer();
        try {
            encoder.accept(payload);
        } catch (IllegalArgumentException e) {
            payload.release();
            throw new IggyException(EncodingRejections.forCommand(code), e.getMessage());
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        Reply reply;
        try {
            reply = context.dispatcher().dispatch(session, code, payload).toCompletableFuture()
                    .get(DISPATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IggyException(ErrorCode.ERROR, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IggyException(ErrorCode.ERROR, "dispatch failed", e);
        }
        ByteBuf out = reply.payload();
        try {
            if (!reply.isOk()) {
                throw new IggyException(ErrorCode.forCode(reply.status()), "command " + code + " failed");
            }
            return reader.apply(out);
        } finally {
            out.release();
        }
    }

    /** {@link #dispatch} for commands whose reply is empty. */
    void run(int code, Consumer<ByteBuf> encoder) {
        dispatch(code, encoder, b -> null);
    }
}
