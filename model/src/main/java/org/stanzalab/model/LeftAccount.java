package org.stanzalab.model;

/**
 * An account a run left on a server, for the operator to remove ({@code stanzalab accounts sweep} does it where
 * admin commands work). Never a password.
 *
 * @param domain   the server's domain
 * @param username the account's local part
 * @param state    "left" (it is there) or "may-exist" (a reply was lost and a login could not tell)
 * @param why      the step that left it, in one line
 */
public record LeftAccount(String domain, String username, String state, String why) {
    public static final String LEFT = "left";
    public static final String MAY_EXIST = "may-exist";
}
