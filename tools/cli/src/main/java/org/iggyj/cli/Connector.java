package org.iggyj.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iggyj.client.ClientIo;
import org.iggyj.client.ClientTransport;
import org.iggyj.client.FailoverConnection;
import org.iggyj.client.IggyClientException;
import org.iggyj.client.IggyConnection;
import org.iggyj.client.NodeAddress;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.CreatePersonalAccessToken;
import org.iggyj.protocol.request.LoginWithPersonalAccessToken;
import org.iggyj.protocol.request.PatName;
import org.iggyj.protocol.wire.WireReader;

/**
 * Opens the one connection of a command and logs it in. Credentials, first found wins:
 * {@code --token}; {@code --username}/{@code --password}; {@code IGGY_TOKEN};
 * {@code IGGY_USERNAME}/{@code IGGY_PASSWORD}; the session file of {@code iggy login}. The address:
 * {@code --address}, else {@code IGGY_ADDRESS}, else the session's, else the chosen transport's default
 * ({@link IggyCli#defaultAddress()}: tcp 8090, websocket 8092, quic 8080 on 127.0.0.1). An address may
 * list a cluster's nodes, {@code host1:port1,host2:port2}: the first node that accepts is used (one
 * round over the list, no waiting). Plain TCP goes over a {@link BlockingTcpConnection}, TLS, WebSocket
 * and QUIC over the lean client ({@link PipelinedConnection}).
 * Not thread-safe.
 */
final class Connector implements AutoCloseable {

    /** How long connecting and each reply may take; the lean client's default. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final IggyCli cli;
    private final Map<String, String> env;
    private final Optional<Session> session;
    private CliConnection connection;
    private boolean loggedIn;

    Connector(IggyCli cli, Map<String, String> env) {
        this.cli = cli;
        this.env = env;
        this.session = Session.read(sessionFile());
    }

    Path sessionFile() {
        if (cli.sessionFile != null) {
            return cli.sessionFile;
        }
        String fromEnv = env.get("IGGY_SESSION_FILE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".iggy", "session");
    }

    String address() {
        if (cli.address != null) {
            return cli.address;
        }
        String fromEnv = env.get("IGGY_ADDRESS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return session.map(Session::address).orElseGet(cli::defaultAddress);
    }

    CliConnection anonymous() {
        if (connection == null) {
            List<NodeAddress> nodes;
            try {
                nodes = NodeAddress.parseList(address());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            connection = cli.clientTransport() == ClientTransport.TCP && !cli.clientTls().enabled()
                    ? blocking(nodes) : pipelined(nodes);
        }
        return connection;
    }

    private static CliConnection blocking(List<NodeAddress> nodes) {
        StringBuilder failures = new StringBuilder();
        for (NodeAddress node : nodes) {
            try {
                return BlockingTcpConnection.connect(node.host(), node.port(), TIMEOUT);
            } catch (IggyClientException e) {
                failures.append(' ').append(node).append(": ").append(e.getMessage()).append(';');
            }
        }
        throw new IggyClientException(ErrorCode.TCP_ERROR, "no node reachable of " + nodes + ":" + failures);
    }

    private CliConnection pipelined(List<NodeAddress> nodes) {
        FailoverConnection.Options options = new FailoverConnection.Options(TIMEOUT,
                cli.clientTransport(), cli.clientTls(), false, Duration.ZERO);
        // no login step here: logIn below picks the credentials, on the node that accepted
        return new PipelinedConnection(FailoverConnection.connect(ClientIo.shared(), nodes, options, c -> { })
                .current());
    }

    CliConnection connection() {
        CliConnection c = anonymous();
        if (!loggedIn) {
            logIn(c);
            loggedIn = true;
        }
        return c;
    }

    private void logIn(CliConnection c) {
        String token = first(cli.token, null);
        String user = first(cli.username, null);
        if (token == null && user == null) {
            token = first(null, env.get("IGGY_TOKEN"));
            user = token == null ? env.get("IGGY_USERNAME") : null;
        }
        if (token != null) {
            loginWithToken(c, token);
        } else if (user != null) {
            String password = first(cli.password, env.get("IGGY_PASSWORD"));
            if (password == null) {
                throw new CliException("no password for user '" + user + "': pass --password or set IGGY_PASSWORD");
            }
            c.login(user, password);
        } else if (session.isPresent()) {
            loginWithToken(c, session.get().token());
        } else {
            throw new CliException("not logged in: pass --username/--password (or --token), set "
                    + "IGGY_USERNAME/IGGY_PASSWORD, or run `iggy login` first");
        }
    }

    private static void loginWithToken(CliConnection c, String token) {
        c.request(CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, new LoginWithPersonalAccessToken(token)::encode);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    Session loginAndStore(long expiryUs) throws Exception {
        if (first(cli.username, env.get("IGGY_USERNAME")) == null && first(cli.token, env.get("IGGY_TOKEN")) == null) {
            throw new CliException("login needs credentials: pass --username/--password or set "
                    + "IGGY_USERNAME/IGGY_PASSWORD");
        }
        CliConnection c = connection();
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        String name = "iggy-cli-" + HexFormat.of().formatHex(suffix);
        byte[] reply = c.request(CommandCode.CREATE_PERSONAL_ACCESS_TOKEN,
                new CreatePersonalAccessToken(name, expiryUs)::encode);
        String token = WireReader.name(io.netty.buffer.Unpooled.wrappedBuffer(reply));
        Session created = new Session(address(), name, token);
        created.write(sessionFile());
        return created;
    }

    void logoutAndForget() throws Exception {
        Session current = session.orElseThrow(() -> new CliException("no session in " + sessionFile()));
        CliConnection c = connection();
        if (!current.tokenName().isEmpty()) {
            c.request(CommandCode.DELETE_PERSONAL_ACCESS_TOKEN, new PatName(current.tokenName())::encode);
        }
        c.request(CommandCode.LOGOUT_USER, buf -> { });
        Files.deleteIfExists(sessionFile());
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
