package org.iggyj.transport.http;

import org.iggyj.protocol.wire.Identifier;

/**
 * Path and query values as Iggy 0.8's HTTP API reads them (http-api.md §4): a value that parses as a
 * u32 is a numeric id, anything else a name. Stateless.
 */
final class Identifiers {

    private Identifiers() {
    }

    static Identifier parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 255) {
            throw new HttpProblem(400, "Invalid identifier");
        }
        try {
            long id = Long.parseLong(text);
            if (id >= 0 && id <= 0xFFFF_FFFFL) {
                return Identifier.numeric(id);
            }
        } catch (NumberFormatException e) {
            // a name
        }
        return Identifier.named(text);
    }

    static long u32(String text, String where) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0 && v <= 0xFFFF_FFFFL) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new HttpProblem(400, "Invalid " + where + " value: " + text);
    }

    static long u64(String text, String where) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "Invalid " + where + " value: " + text);
        }
    }
}
