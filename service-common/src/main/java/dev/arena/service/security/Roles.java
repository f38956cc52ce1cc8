package dev.arena.service.security;

import dev.arena.model.identity.PlayerIdentityRules;

/** Role names for {@code @RolesAllowed}, which needs compile-time constants. */
public final class Roles {

    public static final String ADMIN = PlayerIdentityRules.ADMIN_ROLE;
    public static final String PLAYER = PlayerIdentityRules.PLAYER_ROLE;

    private Roles() {}
}
