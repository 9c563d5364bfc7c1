package org.iggyj.kernel.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Collects every configuration problem of one load so they are reported together; the same
 * problem found twice (by type checking and by a rule) is reported once. Not thread-safe.
 */
final class Problems {

    private final Set<String> problems = new LinkedHashSet<>();

    void add(String key, String reason) {
        problems.add(key + ": " + reason);
    }

    /** Adds a message that already names its key ({@link ConfigSection} errors do). */
    void add(IllegalArgumentException error) {
        problems.add(error.getMessage());
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(new ArrayList<>(problems));
        }
    }
}
