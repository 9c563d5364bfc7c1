package org.iggyj.cli;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.iggyj.client.ClientTls;
import org.iggyj.client.ClientTransport;
import org.iggyj.client.IggyClientException;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.response.Stats;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code iggy} command: global connection and output options, the server-wide commands (ping,
 * me, stats, snapshot, login, logout) and one subcommand per command group.
 *
 * <p>Exit codes: 0 success, 1 the server refused (the Iggy error is printed), 2 bad usage.
 * Not thread-safe: one instance runs one command line at a time.
 */
@Command(name = "iggy", mixinStandardHelpOptions = true, version = "iggy (iggyj) 0.1.0", addMethodSubcommands = false,
        scope = ScopeType.INHERIT,
        description = "Manage an Iggy 0.8 server: streams, topics, messages, users, tokens.")
public final class IggyCli {

    /**
     * The command groups, in help order. Not in the {@code @Command} annotation: picocli would build
     * every group's model by reflection at each start, most of a short command's run time; see
     * {@link CommandTree}.
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(StreamCommand.class, TopicCommand.class,
            PartitionCommand.class, SegmentCommand.class, ConsumerGroupCommand.class, ConsumerOffsetCommand.class,
            UserCommand.class, PatCommand.class, ClientCommand.class, MessageCommand.class, ClusterCommand.class,
            CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class);

    /** picocli's system property naming the built-in type converters it should not register. */
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /** TCP server address used when neither {@code --address} nor the session names one. */
    public static final String DEFAULT_ADDRESS = "127.0.0.1:8090";
    /** WebSocket server address used by default with {@code --transport websocket}. */
    public static final String DEFAULT_WEBSOCKET_ADDRESS = "127.0.0.1:8092";
    /** QUIC server address used by default with {@code --transport quic}. */
    public static final String DEFAULT_QUIC_ADDRESS = "127.0.0.1:8080";

    @Option(names = {"-a", "--address"}, scope = ScopeType.INHERIT, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Server address, or a cluster's nodes separated by commas: the first that accepts the"
                    + " connection is used (default: IGGY_ADDRESS, else the session's, else the transport's: tcp "
                    + DEFAULT_ADDRESS + ", websocket " + DEFAULT_WEBSOCKET_ADDRESS + ", quic " + DEFAULT_QUIC_ADDRESS + ")")
    String address;

    @Option(names = "--transport", scope = ScopeType.INHERIT, defaultValue = "tcp",
            description = "Transport: tcp (default), websocket or quic (QUIC is always TLS)")
    String transport;

    @Option(names = "--tls", scope = ScopeType.INHERIT, description = "Use TLS (tcp, websocket)")
    boolean tls;

    @Option(names = "--tls-ca-file", scope = ScopeType.INHERIT, paramLabel = "PEM",
            description = "Trust this certificate (e.g. the server's generated one); implies --tls")
    java.nio.file.Path tlsCaFile;

    @Option(names = "--tls-insecure", scope = ScopeType.INHERIT,
            description = "Accept any server certificate (testing only); implies --tls")
    boolean tlsInsecure;

    @Option(names = {"-u", "--username"}, scope = ScopeType.INHERIT, description = "Username (else IGGY_USERNAME)")
    String username;

    @Option(names = {"-p", "--password"}, scope = ScopeType.INHERIT, description = "Password (else IGGY_PASSWORD)")
    String password;

    @Option(names = {"-t", "--token"}, scope = ScopeType.INHERIT,
            description = "Personal access token to log in with (else IGGY_TOKEN)")
    String token;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table)")
    Output.Format output;

    @Option(names = "--session-file", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "Session file (default: IGGY_SESSION_FILE, else ~/.iggy/session)")
    Path sessionFile;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final java.io.InputStream in;
    private Connector connector;

    /**
     * @param out where results go
     * @param err where errors go
     * @param env the environment to read {@code IGGY_*} from
     */
    public IggyCli(PrintWriter out, PrintWriter err, Map<String, String> env) {
        this(System.in, out, err, env);
    }

    /**
     * @param in  where {@code message send} reads messages when none are given
     * @param out where results go
     * @param err where errors go
     * @param env the environment to read {@code IGGY_*} from
     */
    public IggyCli(java.io.InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** No-argument form for picocli's completion generator; writes to the standard streams. */
    public IggyCli() {
        this(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv());
    }

    /** Entry point of {@code bin/iggy}. */
    public static void main(String[] args) {
        // bin/iggy runs with SLF4J's no-op provider; Netty would take that for "no SLF4J" and look for
        // Log4J 2, Log4J and java.util.logging instead, each missing class a search of every jar.
        InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
        // No option takes a java.time or java.sql type; registering picocli's converters for them would
        // initialise those classes, DateTimeFormatter's tables included.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.(time|sql)\\..*");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(new IggyCli(out, err, System.getenv()).execute(args));
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments after {@code iggy}
     * @return the exit code
     */
    public int execute(String... args) {
        CommandLine line = commandLine(args);
        try {
            return line.execute(args);
        } finally {
            if (connector != null) {
                connector.close();
                connector = null;
            }
            out.flush();
            err.flush();
        }
    }

    /** @return the whole command tree (help, completion), wired to this instance's streams and error handling */
    CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * @param args the command line to be run
     * @return the command tree needed for {@code args}, wired to this instance's streams and error handling
     */
    CommandLine commandLine(String[] args) {
        CommandLine line = CommandTree.forArgs(this, args);
        line.setOut(out);
        line.setErr(err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler(new ErrorPrinter(err));
        return line;
    }

    /**
     * Prints a command's failure as one line. A class rather than a lambda: picocli's class files are
     * Java 5, and a lambda implementing one of its interfaces keeps that interface out of bin/iggy's
     * class data sharing archive (the dump links the interface to rebuild the lambda), so every run would
     * open the picocli jar for it.
     */
    private static final class ErrorPrinter implements CommandLine.IExecutionExceptionHandler {

        private final PrintWriter err;

        ErrorPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
            err.println("error: " + describe(e));
            return e instanceof IggyClientException || e instanceof CliException ? 1 : 3;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof IggyClientException ice) {
            String text = ice.errorCode().label() + " (Iggy error " + ice.status() + ")" + hint(ice.status());
            // Local failures (no connection, timeout) carry their own explanation; server errors only a code.
            return ice.getMessage() != null && !ice.getMessage().startsWith("command ")
                    ? text + ": " + ice.getMessage() : text;
        }
        return String.valueOf(e.getMessage());
    }

    private static String hint(int status) {
        return switch (status) {
            case 42 -> ": the username or password is wrong";
            case 40, 43 -> ": not logged in or not allowed; log in with `iggy login` or pass --username/--password";
            case 206 -> ": the connection was closed";
            default -> "";
        };
    }

    /** @return a logged-in connection, opened on first use */
    CliConnection connection() {
        return connector().connection();
    }

    /** @return a connection that is not logged in (ping) */
    CliConnection anonymousConnection() {
        return connector().anonymous();
    }

    Connector connector() {
        if (connector == null) {
            connector = new Connector(this, env);
        }
        return connector;
    }

    /** @return the transport chosen with {@code --transport} */
    ClientTransport clientTransport() {
        return switch (transport.toLowerCase(java.util.Locale.ROOT)) {
            case "tcp" -> ClientTransport.TCP;
            case "websocket", "ws" -> ClientTransport.WEBSOCKET;
            case "quic" -> ClientTransport.QUIC;
            default -> throw new CliException("unknown transport '" + transport + "'; use tcp, websocket or quic");
        };
    }

    /** @return the server's default address for the chosen transport, as Iggy 0.8's server.toml has them */
    String defaultAddress() {
        return switch (clientTransport()) {
            case WEBSOCKET -> DEFAULT_WEBSOCKET_ADDRESS;
            case QUIC -> DEFAULT_QUIC_ADDRESS;
            default -> DEFAULT_ADDRESS;
        };
    }

    /** @return the TLS settings from {@code --tls}, {@code --tls-ca-file} and {@code --tls-insecure} */
    ClientTls clientTls() {
        if (tlsInsecure) {
            return ClientTls.trustingAnyone();
        }
        if (tlsCaFile != null) {
            return ClientTls.trusting(tlsCaFile);
        }
        return tls ? new ClientTls(true, null, false) : ClientTls.OFF;
    }

    /** @return a progress line on standard error, shown when standard output is a terminal */
    Progress progress() {
        return Progress.of(err, env);
    }

    Output output() {
        return new Output(out, output);
    }

    PrintWriter out() {
        return out;
    }

    java.io.InputStream in() {
        return in;
    }

    Map<String, String> env() {
        return env;
    }

    @Command(name = "ping", description = "Check that the server answers.")
    int ping(@Option(names = {"-c", "--count"}, defaultValue = "1") int count) {
        CliConnection connection = anonymousConnection();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            connection.ping();
            out.println("pong from " + connector().address() + " in " + millis(System.nanoTime() - start) + " ms");
        }
        return 0;
    }

    /** @return {@code nanos} as milliseconds with three decimals; no Formatter, which loads locale data */
    static String millis(long nanos) {
        long micros = nanos / 1_000;
        String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
        return micros / 1_000 + "." + fraction;
    }

    @Command(name = "me", description = "Show this connection's client record.")
    int me() {
        byte[] reply = connection().request(CommandCode.GET_ME, buf -> { });
        output().record(Replies.clients(reply, true).get(0));
        return 0;
    }

    @Command(name = "stats", description = "Show server statistics.")
    int stats() {
        Stats stats = connection().stats();
        output().record(Replies.stats(stats));
        return 0;
    }

    @Command(name = "snapshot", description = "Download a diagnostic snapshot (ZIP) of the server.")
    int snapshot(@Option(names = "--out-file", required = true, paramLabel = "PATH") Path file) throws Exception {
        byte[] zip = connection().request(CommandCode.GET_SNAPSHOT,
                new org.iggyj.protocol.request.GetSnapshot(1, new int[] {100})::encode);
        java.nio.file.Files.write(file, zip);
        out.println("snapshot written to " + file + " (" + zip.length + " bytes)");
        return 0;
    }

    @Command(name = "login", description = "Log in and keep a session: a personal access token created for this CLI, "
            + "stored with the address in the session file.")
    int login(@Option(names = "--expiry-s", defaultValue = "0",
            description = "Token lifetime in seconds (0: never expires)") long expirySeconds) throws Exception {
        Session session = connector().loginAndStore(expirySeconds * 1_000_000L);
        out.println("logged in to " + session.address() + "; session stored in " + connector().sessionFile());
        return 0;
    }

    @Command(name = "logout", description = "Delete the session's token on the server and the session file.")
    int logout() throws Exception {
        connector().logoutAndForget();
        out.println("logged out");
        return 0;
    }
}
