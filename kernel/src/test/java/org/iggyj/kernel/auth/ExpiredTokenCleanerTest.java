package org.iggyj.kernel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.TokenRecord;
import org.iggyj.kernel.metadata.UserRecord;
import org.junit.jupiter.api.Test;

class ExpiredTokenCleanerTest {

    @Test
    void shouldDropOnlyExpiredTokensOfUsersThatHaveThem() {
        TokenRecord never = new TokenRecord("never", "h1", TokenRecord.NEVER);
        TokenRecord past = new TokenRecord("past", "h2", 100);
        TokenRecord exactlyNow = new TokenRecord("now", "h3", 200);
        TokenRecord future = new TokenRecord("future", "h4", 201);
        TokenRecord farFuture = new TokenRecord("far", "h5", -2L); // above Long.MAX_VALUE as u64
        UserRecord alice = new UserRecord(1, "alice", "$", 1, 0, null, List.of(never, past, exactlyNow, future));
        UserRecord bob = new UserRecord(2, "bob", "$", 1, 0, null, List.of(never, farFuture));
        TreeMap<Long, UserRecord> users = new TreeMap<>();
        users.put(1L, alice);
        users.put(2L, bob);
        Metadata md = new Metadata(Metadata.EMPTY.streams(), Collections.unmodifiableNavigableMap(users));

        List<UserRecord> changed = ExpiredTokenCleaner.withoutExpired(md, 200);

        assertEquals(1, changed.size());
        assertEquals(1, changed.get(0).id());
        assertEquals(List.of(never, future), changed.get(0).tokens());
    }
}
