package org.iggyj.kernel.command;

import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletionStage;
import org.iggyj.kernel.auth.LoginGuard;
import org.iggyj.kernel.auth.RandomSource;
import org.iggyj.kernel.auth.TokenHasher;
import org.iggyj.kernel.auth.TokenSecrets;
import org.iggyj.kernel.metadata.Metadata;
import org.iggyj.kernel.metadata.MetadataWriter;
import org.iggyj.kernel.metadata.TokenRecord;
import org.iggyj.kernel.metadata.UserRecord;
import org.iggyj.kernel.partition.MicrosClock;
import org.iggyj.kernel.session.ClientSession;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.ErrorCode;
import org.iggyj.protocol.IggyException;
import org.iggyj.protocol.request.CreatePersonalAccessToken;
import org.iggyj.protocol.request.LoginWithPersonalAccessToken;
import org.iggyj.protocol.request.PatName;
import org.iggyj.protocol.response.ResponseWriter;
import org.iggyj.spi.Reply;

/**
 * Personal access tokens: list, create and delete the caller's own tokens (no permission needed),
 * and log in with a token. Tokens are stored only as hashes ({@link TokenHasher}); BLAKE3 is fast,
 * so unlike passwords nothing here needs the hashing executor. Token logins are throttled per source by
 * the {@link LoginGuard} like password logins.
 */
final class TokenCommands {

    private static final long U64_MAX = -1L;

    private final MetadataWriter metadata;
    private final ByteBufAllocator alloc;
    private final MicrosClock clock;
    private final int maxTokensPerUser;
    private final LoginGuard guard;

    private final RandomSource random;
    private final TokenSecrets secrets;

    TokenCommands(MetadataWriter metadata, ByteBufAllocator alloc, MicrosClock clock, int maxTokensPerUser,
                  RandomSource random, TokenSecrets secrets, LoginGuard guard) {
        this.random = random;
        this.secrets = secrets;
        this.metadata = metadata;
        this.guard = guard;
        this.alloc = alloc;
        this.clock = clock;
        this.maxTokensPerUser = maxTokensPerUser;
    }

    void registerWith(KernelDispatcher d) {
        d.register(CommandCode.GET_PERSONAL_ACCESS_TOKENS, p -> null, this::list);
        d.register(CommandCode.CREATE_PERSONAL_ACCESS_TOKEN, UserRequestDecoders::createToken, this::create);
        d.register(CommandCode.DELETE_PERSONAL_ACCESS_TOKEN, PatName::decode, this::delete);
        d.register(CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, LoginWithPersonalAccessToken::decode, this::login);
    }

    private CompletionStage<Reply> list(ClientSession session, Object ignored) {
        UserRecord user = metadata.current().users().get(session.userId());
        if (user == null) {
            return Replies.ok();
        }
        return Replies.done(Replies.write(alloc, out -> user.tokens().forEach(t ->
                ResponseWriter.personalAccessToken(out, t.name(), t.expiryAtUs()))));
    }

    private CompletionStage<Reply> create(ClientSession session, CreatePersonalAccessToken request) {
        return metadata.mutate(() -> {
            UserRecord user = owner(metadata.current(), session);
            if (user.token(request.name()) != null) {
                throw new IggyException(ErrorCode.PERSONAL_ACCESS_TOKEN_ALREADY_EXISTS,
                        "token '" + request.name() + "' already exists");
            }
            if (user.tokens().size() >= maxTokensPerUser) {
                throw new IggyException(ErrorCode.PERSONAL_ACCESS_TOKENS_LIMIT_REACHED,
                        "user " + user.id() + " already has " + maxTokensPerUser + " tokens");
            }
            TokenSecrets.NewToken secret = secrets.mint(random);
            TokenRecord token = new TokenRecord(request.name(), secret.hash(),
                    expiryAt(clock.nowUs(), request.expiryUs()));
            metadata.putUser(user.withToken(token));
            return Replies.write(alloc, out -> ResponseWriter.rawToken(out, secret.raw()));
        });
    }

    private CompletionStage<Reply> delete(ClientSession session, PatName request) {
        return metadata.mutate(() -> {
            UserRecord user = owner(metadata.current(), session);
            if (user.token(request.name()) == null) {
                throw new IggyException(ErrorCode.RESOURCE_NOT_FOUND, "token '" + request.name() + "' not found");
            }
            metadata.putUser(user.withoutToken(request.name()));
            return Reply.ok();
        });
    }

    private CompletionStage<Reply> login(ClientSession session, LoginWithPersonalAccessToken request) {
        // As with a password login, a previous login on this connection ends first.
        session.logout();
        CompletionStage<Reply> refused = guard.refusal(session, null);
        if (refused != null) {
            return refused;
        }
        String hash = TokenHasher.hash(request.token());
        for (UserRecord user : metadata.current().users().values()) {
            for (TokenRecord token : user.tokens()) {
                if (token.hash().equals(hash)) {
                    return loginAs(session, user, token);
                }
            }
        }
        guard.failed(session, null, "unknown personal access token");
        throw new IggyException(ErrorCode.RESOURCE_NOT_FOUND, "unknown personal access token");
    }

    private CompletionStage<Reply> loginAs(ClientSession session, UserRecord user, TokenRecord token) {
        if (token.isExpired(clock.nowUs())) {
            guard.failed(session, null, "expired personal access token '" + token.name() + "' of user '"
                    + user.username() + "'");
            throw new IggyException(ErrorCode.PERSONAL_ACCESS_TOKEN_EXPIRED, "token '" + token.name() + "' expired");
        }
        if (!user.isActive()) {
            throw new IggyException(ErrorCode.USER_INACTIVE, "user " + user.username() + " is inactive");
        }
        session.login(user.id());
        guard.succeeded(session, user.username());
        return Replies.done(Replies.write(alloc, out -> ResponseWriter.identity(out, user.id())));
    }

    private static UserRecord owner(Metadata md, ClientSession session) {
        UserRecord user = md.users().get(session.userId());
        if (user == null) {
            // The user was deleted after this session logged in.
            throw new IggyException(ErrorCode.RESOURCE_NOT_FOUND, "user " + session.userId() + " not found");
        }
        return user;
    }

    /**
     * @param nowUs    creation time
     * @param expiryUs requested lifetime; 0 and u64::MAX mean never
     * @return the absolute expiry, or {@link TokenRecord#NEVER}; a lifetime that overflows u64 never expires
     */
    static long expiryAt(long nowUs, long expiryUs) {
        if (expiryUs == 0 || expiryUs == U64_MAX) {
            return TokenRecord.NEVER;
        }
        long at = nowUs + expiryUs;
        return Long.compareUnsigned(at, nowUs) < 0 ? TokenRecord.NEVER : at;
    }
}
