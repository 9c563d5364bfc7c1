package org.iggyj.transport.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.iggyj.spi.KernelConfig;

/**
 * Issues and checks the server's access tokens (http-api.md §2.3): HMAC-signed JWTs whose {@code sub}
 * is the user id, with {@code jti}, {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code nbf} in
 * Unix seconds. Revoked token ids are kept in memory until their expiry. Thread-safe.
 *
 * <p>Both secrets empty (the default) → a random secret per start, so tokens do not survive a restart,
 * as in Iggy 0.8. Revocations are not persisted: with configured secrets, a token revoked before a
 * restart is valid again after it until it expires (a documented deviation).
 */
final class TokenService implements AutoCloseable {

    /** What {@link #verify} returns for a token that must be refused. */
    static final long INVALID = -1;
    private static final int MIN_SECRET_BYTES = 32;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final JWSAlgorithm algorithm;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final String issuer;
    private final String audience;
    private final List<String> validIssuers;
    private final List<String> validAudiences;
    private final long expirySeconds;
    private final long skewSeconds;
    private final long notBeforeSeconds;
    private final LongSupplier nowSeconds;
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();

    /**
     * An issued token.
     *
     * @param token         the compact JWT
     * @param expirySeconds its {@code exp}
     */
    record Issued(String token, long expirySeconds) {
    }

    TokenService(JWSAlgorithm algorithm, byte[] encodingSecret, byte[] decodingSecret, String issuer, String audience,
                 List<String> validIssuers, List<String> validAudiences, Duration expiry, Duration skew,
                 Duration notBefore, LongSupplier nowSeconds) {
        try {
            this.signer = new MACSigner(encodingSecret);
            this.verifier = new MACVerifier(decodingSecret);
        } catch (JOSEException e) {
            throw new IllegalStateException("[http.jwt] secrets must be at least " + MIN_SECRET_BYTES + " bytes", e);
        }
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.audience = audience;
        this.validIssuers = List.copyOf(validIssuers);
        this.validAudiences = List.copyOf(validAudiences);
        this.expirySeconds = expiry.isZero() ? 1_000_000_000L : expiry.toSeconds();
        this.skewSeconds = skew.toSeconds();
        this.notBeforeSeconds = notBefore.toSeconds();
        this.nowSeconds = nowSeconds;
    }

    static TokenService fromConfig(KernelConfig jwt) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(jwt.string("algorithm", "HS256"));
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            throw new IllegalStateException("[http.jwt] algorithm must be HS256, HS384 or HS512, got " + algorithm);
        }
        boolean base64 = jwt.bool("use_base64_secret", false);
        byte[] encoding = secret(jwt.string("encoding_secret", ""), base64);
        byte[] decoding = secret(jwt.string("decoding_secret", ""), base64);
        if (encoding.length == 0 && decoding.length == 0) {
            encoding = randomSecret();
            decoding = encoding;
        } else if (encoding.length == 0) {
            encoding = decoding;
        } else if (decoding.length == 0) {
            decoding = encoding;
        }
        String issuer = jwt.string("issuer", "iggy.apache.org");
        String audience = jwt.string("audience", "iggy.apache.org");
        List<String> issuers = jwt.has("valid_issuers") ? jwt.strings("valid_issuers") : List.of(issuer);
        List<String> audiences = jwt.has("valid_audiences") ? jwt.strings("valid_audiences") : List.of(audience);
        return new TokenService(algorithm, encoding, decoding, issuer, audience, issuers, audiences,
                jwt.duration("access_token_expiry", Duration.ofHours(1)), jwt.duration("clock_skew", Duration.ofSeconds(5)),
                jwt.duration("not_before", Duration.ZERO), () -> System.currentTimeMillis() / 1000);
    }

    private static byte[] secret(String text, boolean base64) {
        return base64 ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomSecret() {
        SecureRandom random = new SecureRandom();
        int length = MIN_SECRET_BYTES + random.nextInt(MIN_SECRET_BYTES);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param userId the user the token names
     * @return a new signed token
     */
    Issued issue(long userId) {
        long now = nowSeconds.getAsLong();
        long exp = now + expirySeconds;
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .issuer(issuer)
                .audience(audience)
                .subject(Long.toString(userId))
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date(exp * 1000))
                .notBeforeTime(new Date((now + notBeforeSeconds) * 1000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new Issued(jwt.serialize(), exp);
    }

    /**
     * @param token a compact JWT
     * @return the user id it names, or {@link #INVALID} when it is malformed, forged, expired, for
     *         another issuer or audience, or revoked
     */
    long verify(String token) {
        JWTClaimsSet claims = claims(token);
        if (claims == null || revoked.containsKey(claims.getJWTID())) {
            return INVALID;
        }
        try {
            long sub = Long.parseLong(claims.getSubject());
            return sub < 0 || sub > 0xFFFF_FFFFL ? INVALID : sub;
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    /**
     * @param token a token that passed {@link #verify}
     */
    void revoke(String token) {
        JWTClaimsSet claims = claims(token);
        if (claims != null) {
            purgeExpired();
            revoked.put(claims.getJWTID(), claims.getExpirationTime().getTime() / 1000);
        }
    }

    /**
     * @param token a signed, unexpired token
     * @return whether it is valid but was already revoked (refresh then answers invalid_access_token)
     */
    boolean isRevoked(String token) {
        JWTClaimsSet claims = claims(token);
        return claims != null && revoked.containsKey(claims.getJWTID());
    }

    /**
     * @param token any text
     * @return whether it is a well-formed, correctly signed, unexpired token of this server
     */
    boolean isSignedAndCurrent(String token) {
        return claims(token) != null;
    }

    private JWTClaimsSet claims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!algorithm.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (claims.getJWTID() == null || exp == null
                    || exp.getTime() / 1000 + skewSeconds < nowSeconds.getAsLong()
                    || !validIssuers.contains(claims.getIssuer())
                    || claims.getAudience().stream().noneMatch(validAudiences::contains)) {
                return null;
            }
            return claims;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    private void purgeExpired() {
        long now = nowSeconds.getAsLong();
        revoked.values().removeIf(exp -> exp + skewSeconds < now);
    }

    @Override
    public void close() {
        revoked.clear();
    }
}
