package org.iggyj.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.iggyj.spi.test.PrometheusText;
import org.slf4j.LoggerFactory;

/**
 * Helpers for the authentication tests: connections from chosen loopback sources (Linux routes all
 * of 127/8 to loopback, so 127.0.0.2 is "another host" to the server), raw HTTP logins, the audit log
 * and metric sums.
 */
final class AuthTesting {

    static final int LOGIN_WITH_TOKEN = 44;

    private AuthTesting() {
    }

    static InetAddress source(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** One login_user on a fresh connection from the given source. */
    static int loginFrom(InetSocketAddress server, String from, String username, String password) throws IOException {
        try (RawConnection c = new RawConnection(server, source(from))) {
            return c.login(username, password).status();
        }
    }

    /** One login_with_personal_access_token on a fresh connection from the given source. */
    static int tokenLoginFrom(InetSocketAddress server, String from, String token) throws IOException {
        try (RawConnection c = new RawConnection(server, source(from))) {
            byte[] raw = token.getBytes(StandardCharsets.UTF_8);
            ByteBuffer p = RawConnection.le(1 + raw.length);
            p.put((byte) raw.length).put(raw);
            return c.call(LOGIN_WITH_TOKEN, p.array()).status();
        }
    }

    /** A minimal HTTP/1.1 POST from the given source; returns "status body". */
    static String httpPostFrom(InetSocketAddress server, String from, String path, String json) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source(from), 0));
            socket.connect(server, 10_000);
            socket.setSoTimeout(30_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            String status = text.substring(9, 12);
            int bodyStart = text.indexOf("\r\n\r\n");
            return status + " " + (bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }
    }

    static String loginJson(String username, String password) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
    }

    /** Captures the audit logger's lines from now on; detach with {@link #stopAudit}. */
    static ListAppender<ILoggingEvent> captureAudit() {
        Logger audit = (Logger) LoggerFactory.getLogger("iggy.auth.audit");
        audit.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        audit.addAppender(appender);
        return appender;
    }

    static void stopAudit(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger("iggy.auth.audit")).detachAppender(appender);
    }

    static List<String> lines(ListAppender<ILoggingEvent> appender) {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    static String scrape(InetSocketAddress http) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + http.getPort() + "/metrics");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Sum of the samples of one metric whose labels contain {@code label} (e.g. {@code reason="x"}). */
    static double metric(InetSocketAddress http, String name, String label) throws Exception {
        Map<String, Double> samples = PrometheusText.samples(scrape(http));
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> label == null || e.getKey().contains(label))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
