package org.iggyj.kernel.plugin;

import org.iggyj.spi.Endpoint;
import org.iggyj.spi.Transport;
import org.iggyj.spi.TransportContext;

/** A transport that is packed into plugin jars built by the tests; it never starts. */
public class FakeTransport implements Transport {

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Endpoint start(TransportContext context) {
        throw new UnsupportedOperationException("not started by these tests");
    }
}
