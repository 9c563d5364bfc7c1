package org.iggyj.bench;

import java.util.List;
import java.util.Map;
import org.iggyj.protocol.response.Stats;

/**
 * Everything a run reports; serialised as {@code report.json} and rendered as {@code report.html}.
 *
 * @param tool        {@code iggyj-bench}
 * @param benchmark   the scenario's command name
 * @param startedAt   ISO-8601 instant the run started
 * @param params      the settings (no password)
 * @param groups      per role, then {@code aggregate} over all actors
 * @param actors      one row per actor
 * @param serverStats get_stats after the run, or null when the server did not answer it
 * @param errors      why actors stopped early; empty when all finished
 * @param failovers   each move of an actor to another node, in order; empty when no node failed
 * @param inDoubt     requests (sends, auto-commit polls) whose connection broke before their reply: they
 *                    may or may not have been applied, and were not resent
 */
record BenchReport(String tool, String benchmark, String startedAt, Map<String, Object> params,
                   List<GroupReport> groups, List<ActorReport> actors, Stats serverStats, List<String> errors,
                   List<String> failovers, long inDoubt) {

    /** @return the group with that role name, or null */
    GroupReport group(String role) {
        return groups.stream().filter(g -> g.role().equals(role)).findFirst().orElse(null);
    }
}
