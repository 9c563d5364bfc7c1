package org.iggyj.kernel.it;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A password-guessing load tool, not a test: starts a server in this JVM on a free loopback port,
 * times legitimate {@code login_user} calls while idle, then while {@code connections} raw
 * connections send wrong-password logins in a loop, and prints the latencies. Bounded in time
 * (the attack stops after the measured logins or {@code maxSeconds}) and loopback only.
 *
 * <p>The attackers connect from {@code attackerAddress} (default 127.0.0.2: Linux routes all of
 * 127/8 to loopback, so this is "another host" to the server); the legitimate client from 127.0.0.1.
 *
 * <pre>
 * mvn -B -o -q -pl kernel -am -DskipTests package dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "kernel/target/test-classes:kernel/target/classes:$(cat kernel/target/cp.txt)" \
 *     org.iggyj.kernel.it.LoginAttackLoad [connections=32] [logins=10] [attacker=127.0.0.2] [maxSeconds=60]
 * </pre>
 * Results for this repository are in docs/security.md.
 */
public final class LoginAttackLoad {

    private LoginAttackLoad() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int logins = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        InetAddress attacker = InetAddress.getByName(args.length > 2 ? args[2] : "127.0.0.2");
        long maxNanos = (args.length > 3 ? Long.parseLong(args[3]) : 60) * 1_000_000_000L;
        Path dataDir = Files.createTempDirectory("iggyj-login-attack");
        try (TestServer server = TestServer.start(dataDir, Map.of("IGGY_HTTP_ENABLED", "false"))) {
            InetSocketAddress address = server.tcpAddress();
            InetAddress legit = InetAddress.getByName("127.0.0.1");
            try (RawConnection client = new RawConnection(address, legit)) {
                timeLogins(client, 3);
                long[] idle = timeLogins(client, logins);
                print("idle", idle);
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong guesses = new AtomicLong();
                AtomicLong refused = new AtomicLong();
                List<Thread> threads = startAttack(address, attacker, connections, stop, guesses, refused);
                long started = System.nanoTime();
                Thread.sleep(2000);
                long[] underAttack = timeLogins(client, logins, started + maxNanos);
                stop.set(true);
                double seconds = (System.nanoTime() - started) / 1e9;
                for (Thread t : threads) {
                    t.join(10_000);
                }
                print("under attack", underAttack);
                System.out.printf("attack: %d connections from %s, %d wrong-password answers (%.1f/s), "
                        + "%d other refusals, %.1f s%n", connections, attacker.getHostAddress(), guesses.get(),
                        guesses.get() / seconds, refused.get(), seconds);
            }
        }
    }

    private static List<Thread> startAttack(InetSocketAddress address, InetAddress from, int connections,
                                            AtomicBoolean stop, AtomicLong guesses, AtomicLong refused) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int n = i;
            Thread t = new Thread(() -> guessLoop(address, from, n, stop, guesses, refused), "attacker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private static void guessLoop(InetSocketAddress address, InetAddress from, int n, AtomicBoolean stop,
                                  AtomicLong guesses, AtomicLong refused) {
        long attempt = 0;
        while (!stop.get()) {
            try (RawConnection c = new RawConnection(address, from)) {
                while (!stop.get()) {
                    int status = c.login(TestServer.ROOT_USERNAME, "guess-" + n + "-" + attempt++).status();
                    (status == 42 ? guesses : refused).incrementAndGet();
                }
            } catch (Exception e) {
                // The server may close an attacker's connection; reconnect after a pause.
                refused.incrementAndGet();
                sleepQuietly(50);
            }
        }
    }

    private static long[] timeLogins(RawConnection client, int count) throws Exception {
        return timeLogins(client, count, Long.MAX_VALUE);
    }

    private static long[] timeLogins(RawConnection client, int count, long deadlineNanos) throws Exception {
        long[] micros = new long[count];
        int done = 0;
        for (; done < count && System.nanoTime() < deadlineNanos; done++) {
            long start = System.nanoTime();
            int status = client.login(TestServer.ROOT_USERNAME, TestServer.ROOT_PASSWORD).status();
            micros[done] = (System.nanoTime() - start) / 1000;
            if (status != 0) {
                System.out.println("legitimate login answered " + status);
            }
            sleepQuietly(300);
        }
        return Arrays.copyOf(micros, done);
    }

    private static void print(String label, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            System.out.println(label + ": no logins completed");
            return;
        }
        System.out.printf("legit login %s: n=%d median %.1f ms, max %.1f ms, all %s%n", label, sorted.length,
                sorted[sorted.length / 2] / 1000.0, sorted[sorted.length - 1] / 1000.0, Arrays.toString(
                        Arrays.stream(micros).mapToObj(m -> String.format("%.0f", m / 1000.0)).toArray()));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
