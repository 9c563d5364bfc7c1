package org.iggyj.spi;

import java.util.Set;

/**
 * What the kernel hands an {@link HttpRouteProvider}.
 */
public interface HttpRouteContext {

    /**
     * @return the provider's own config section ({@code [console]} for the console plugin)
     */
    KernelConfig config();

    /**
     * @return the names of the transports the kernel starts after the providers (enabled ones only),
     *         so a provider can tell that no {@code http} transport will mount its routes
     */
    Set<String> transportNames();
}
