package dev.arena.service.security;

/** The token of an {@code Authorization: Bearer <token>} header, for code that reads it before (or instead of) Quarkus' own check. */
public final class BearerToken {

    private static final String BEARER = "Bearer ";

    private BearerToken() {}

    /** The token of {@code header} (the scheme in any case), or null when it is absent or not a bearer header. */
    public static String of(String header) {
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
    }
}
