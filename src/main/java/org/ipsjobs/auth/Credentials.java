package org.ipsjobs.auth;

/**
 * A user name and password taken from a request, whatever the style it came in.
 *
 * @param user the user's email as sent
 * @param password the password as sent
 */
public record Credentials(String user, String password) {

    @Override
    public String toString() {
        // never let a password reach a log line
        return "Credentials[user=" + user + "]";
    }
}
