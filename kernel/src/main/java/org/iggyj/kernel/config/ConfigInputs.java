package org.iggyj.kernel.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a configuration load reads besides the files: kept by {@link ServerConfig} so the load can be
 * repeated with the sections plugins declare.
 *
 * @param env            the process environment
 * @param workingDir     the directory relative paths start from
 * @param availableCores the core count {@code system.sharding.cpu_allocation} is checked against
 */
record ConfigInputs(Map<String, String> env, Path workingDir, int availableCores) {

    ConfigInputs {
        env = Map.copyOf(env);
    }
}
