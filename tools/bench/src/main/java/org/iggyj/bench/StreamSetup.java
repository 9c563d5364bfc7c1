package org.iggyj.bench;

import java.io.PrintWriter;
import org.iggyj.client.IggyClientException;
import org.iggyj.client.IggyConnection;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.wire.Identifier;

/**
 * Prepares the server before actors start: for scenarios that produce, deletes and recreates
 * {@code bench-stream-1..N} (each with {@code topic-1} of the configured partitions) unless
 * {@code --reuse-streams}; for group scenarios, creates {@code cg-1..G} where missing (group g on stream
 * {@code (g-1) mod N + 1}). Runs on the runner thread with its own connection.
 */
final class StreamSetup {

    private final BenchSettings settings;
    private final PrintWriter out;

    StreamSetup(BenchSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    void prepare(IggyConnection c) {
        if (settings.scenario().createsStreams()) {
            for (int n = 1; n <= settings.streams(); n++) {
                prepareStream(c, BenchSettings.streamName(n));
            }
        }
        if (settings.scenario().consuming() == Scenario.Consuming.GROUP) {
            for (int g = 1; g <= settings.consumerGroups(); g++) {
                Identifier stream = Identifier.named(BenchSettings.streamName(groupStream(g)));
                try {
                    c.createConsumerGroup(stream, Identifier.named(BenchSettings.TOPIC), BenchSettings.groupName(g));
                } catch (IggyClientException e) {
                    if (e.errorCode() != ErrorCode.CONSUMER_GROUP_NAME_ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        }
    }

    /** @return the 1-based stream of group {@code g} */
    int groupStream(int g) {
        return (g - 1) % settings.streams() + 1;
    }

    private void prepareStream(IggyConnection c, String name) {
        Identifier stream = Identifier.named(name);
        if (settings.reuseStreams()) {
            try {
                c.createStream(name);
            } catch (IggyClientException e) {
                if (e.errorCode() == ErrorCode.STREAM_NAME_ALREADY_EXISTS) {
                    return;
                }
                throw e;
            }
        } else {
            try {
                c.deleteStream(stream);
                out.println("Deleted existing stream " + name);
            } catch (IggyClientException e) {
                if (e.errorCode() != ErrorCode.STREAM_NAME_NOT_FOUND && e.errorCode() != ErrorCode.STREAM_ID_NOT_FOUND) {
                    throw e;
                }
            }
            c.createStream(name);
        }
        c.createTopic(stream, settings.partitions(), BenchSettings.TOPIC);
    }
}
