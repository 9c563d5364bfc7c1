package org.iggyj.kernel;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.iggyj.spi.HttpRoutes;
import org.iggyj.spi.ScrapeSource;
import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.DataWaits;
import org.iggyj.spi.FrameLimits;
import org.iggyj.spi.IoResources;
import org.iggyj.spi.KernelConfig;
import org.iggyj.spi.Sessions;
import org.iggyj.spi.TlsMaterial;
import org.iggyj.spi.TransportContext;

/**
 * What the kernel hands one transport.
 */
record KernelTransportContext(KernelConfig config, CommandDispatcher dispatcher, Sessions sessions,
                              ByteBufAllocator allocator, IoResources io, FrameLimits limits,
                              Optional<TlsMaterial> tls, MeterRegistry meters, List<ScrapeSource> scrapeSources,
                              DataWaits dataWaits, List<HttpRoutes> httpRoutes)
        implements TransportContext {
}
