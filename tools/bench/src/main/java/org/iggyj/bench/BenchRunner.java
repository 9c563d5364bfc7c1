package org.iggyj.bench;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.iggyj.client.ClientIo;
import org.iggyj.client.IggyClientException;
import org.iggyj.client.FailoverConnection;
import org.iggyj.protocol.response.Stats;

/**
 * Runs one benchmark: prepares streams, starts every actor on its own thread behind a common gate, prints
 * progress, gathers the results into a {@link BenchReport} and asks the server for its stats (a server
 * that cannot answer get_stats does not fail the run). Used once per invocation, on the caller's thread.
 */
final class BenchRunner {

    private final BenchSettings settings;
    private final PrintWriter out;

    BenchRunner(BenchSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * @return the report
     * @throws IggyClientException when the server cannot be reached or the setup fails
     */
    BenchReport run() throws InterruptedException {
        String startedAt = Instant.now().toString();
        List<Actor> actors = new ArrayList<>();
        int threads = Math.min(settings.producers() + settings.consumers(), Runtime.getRuntime().availableProcessors());
        try (ClientIo io = ClientIo.create(Math.max(1, threads));
             FailoverConnection admin = new RunContext(settings, io, 0).connect("setup")) {
            StreamSetup setup = new StreamSetup(settings, out);
            setup.prepare(admin.current());
            RunContext context = new RunContext(settings, io, actorCount());
            addActors(context, setup, actors);
            List<ActorResult> results = runActors(context, actors);
            return report(startedAt, results, stats(admin), context);
        }
    }

    private int actorCount() {
        int n = 0;
        if (settings.scenario().producing() != Scenario.Producing.NONE) {
            n += settings.producers();
        }
        if (settings.scenario().consuming() != Scenario.Consuming.NONE) {
            n += settings.consumers();
        }
        return n;
    }

    private void addActors(RunContext context, StreamSetup setup, List<Actor> actors) {
        Scenario scenario = settings.scenario();
        for (int i = 1; scenario.producing() != Scenario.Producing.NONE && i <= settings.producers(); i++) {
            int stream = (i - 1) % settings.streams() + 1;
            actors.add(scenario.producing() == Scenario.Producing.PRODUCING_CONSUMER
                    ? new ProducingConsumerActor(context, i, stream) : new ProducerActor(context, i, stream));
        }
        for (int i = 1; scenario.consuming() != Scenario.Consuming.NONE && i <= settings.consumers(); i++) {
            if (scenario.consuming() == Scenario.Consuming.GROUP) {
                int group = (i - 1) % settings.consumerGroups() + 1;
                actors.add(new ConsumerActor(context, i, setup.groupStream(group), group));
            } else {
                actors.add(new ConsumerActor(context, i, (i - 1) % settings.streams() + 1, 0));
            }
        }
    }

    private List<ActorResult> runActors(RunContext context, List<Actor> actors) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(actors.size(), r -> {
            Thread t = new Thread(r, "iggy-bench-actor");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ActorResult>> futures = new ArrayList<>();
            for (Actor a : actors) {
                futures.add(pool.submit(a));
            }
            if (settings.warmupBatches() > 0) {
                out.println("Warming up: " + settings.warmupMessages() + " unmeasured messages per actor...");
                out.flush();
            }
            context.open();
            long expected = (long) actors.size() * settings.batches() * settings.messagesPerBatch();
            List<ActorResult> results = new ArrayList<>();
            try (ProgressPrinter progress = new ProgressPrinter(context, out, expected)) {
                progress.start();
                for (Future<ActorResult> f : futures) {
                    results.add(f.get());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("actor failed", e.getCause());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private BenchReport report(String startedAt, List<ActorResult> results, Stats stats, RunContext context) {
        Map<Role, List<ActorResult>> byRole = new EnumMap<>(Role.class);
        List<ActorReport> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ActorResult r : results) {
            byRole.computeIfAbsent(r.role(), k -> new ArrayList<>()).add(r);
            rows.add(ActorReport.of(r));
            if (r.error() != null) {
                errors.add(r.error());
            }
        }
        int window = settings.movingAverageWindow();
        List<GroupReport> groups = new ArrayList<>();
        byRole.forEach((role, list) -> groups.add(GroupReport.of(role.label() + "s", role.groupTitle(), list, window)));
        groups.add(GroupReport.of("aggregate", "Aggregate", results, window));
        return new BenchReport("iggyj-bench", settings.scenario().command(), startedAt, settings.reported(), groups,
                rows, stats, errors, context.failovers(), context.inDoubtCount());
    }

    private Stats stats(FailoverConnection admin) {
        try {
            return admin.stats();
        } catch (IggyClientException e) {
            out.println("Server stats unavailable: " + e.getMessage());
            return null;
        }
    }
}
