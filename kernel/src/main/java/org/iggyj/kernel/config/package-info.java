/**
 * Server configuration: reads the built-in defaults, {@code server.toml} and {@code IGGY_*}
 * environment overrides with night-config, validates every key at once and binds the result into
 * immutable {@code *Config} records and {@link org.iggyj.spi.KernelConfig} section views.
 *
 * <p>Owns: the key schema (the default {@code server.toml} embedded in the jar), the value
 * notations ({@link org.iggyj.kernel.config.ByteSize}, {@link org.iggyj.kernel.config.HumanDuration})
 * and the effective-config TOML writer. Threads: {@link org.iggyj.kernel.config.ConfigLoader} runs
 * once on the startup thread; the {@link org.iggyj.kernel.config.ServerConfig} it returns is
 * immutable and read from any thread. night-config types never leave this package.
 */
package org.iggyj.kernel.config;
