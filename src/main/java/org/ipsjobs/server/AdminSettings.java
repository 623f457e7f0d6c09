package org.ipsjobs.server;

/**
 * How the admin API is offered.
 *
 * @param enabled false: /__admin is not served
 * @param token the bearer token it requires, or null; required when listening beyond loopback
 * @param journalSize how many requests the journal keeps
 * @param journalBodies whether it keeps their bodies
 */
public record AdminSettings(boolean enabled, String token, int journalSize, boolean journalBodies) {

    public static final String TOKEN_VARIABLE = "IPS_ADMIN_TOKEN";

    public static AdminSettings defaults() {
        return new AdminSettings(true, null, 1000, true);
    }

    public AdminSettings withToken(String newToken) {
        return new AdminSettings(enabled, newToken, journalSize, journalBodies);
    }

    @Override
    public String toString() {
        return "AdminSettings[enabled=" + enabled + ", token=" + (token == null ? "none" : "***") + ", journalSize="
                + journalSize + ", journalBodies=" + journalBodies + "]";
    }
}
