package org.iggyj.kernel.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.iggyj.kernel.metrics.MeterNames;
import org.iggyj.protocol.CommandCode;
import org.iggyj.spi.Reply;

/**
 * Request count, latency and error count per command, resolved once into arrays indexed by command
 * code so that recording a dispatch allocates nothing but the completion callback. Thread-safe.
 */
final class CommandMeters {

    private final Timer[] latency;
    private final Counter[] errors;

    CommandMeters(MeterRegistry registry, int maxCode, IntPredicate registered) {
        latency = new Timer[maxCode];
        errors = new Counter[maxCode];
        for (int code = 0; code < maxCode; code++) {
            if (registered.test(code)) {
                String name = CommandCode.name(code);
                latency[code] = Timer.builder(MeterNames.REQUESTS).description("commands dispatched")
                        .tag(MeterNames.TAG_COMMAND, name).register(registry);
                errors[code] = Counter.builder(MeterNames.REQUEST_ERRORS).description("commands answered with an error")
                        .tag(MeterNames.TAG_COMMAND, name).register(registry);
            }
        }
    }

    CompletionStage<Reply> record(int code, long startNs, CompletionStage<Reply> reply) {
        Timer timer = latency[code];
        if (timer == null) {
            return reply;
        }
        Counter failed = errors[code];
        return reply.whenComplete((r, t) -> {
            timer.record(System.nanoTime() - startNs, TimeUnit.NANOSECONDS);
            if (r == null || !r.isOk()) {
                failed.increment();
            }
        });
    }
}
