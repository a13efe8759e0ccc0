package dev.gatewaydoctor.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The bearer token rule: every request but the probes carries {@code Authorization: Bearer TOKEN}. */
final class TokenCheck {

    private final byte[] token;

    TokenCheck(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the Authorization header carries the token; compared in constant time, so its bytes cannot be guessed one by one. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }
}
