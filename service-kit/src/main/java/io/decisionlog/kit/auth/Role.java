package io.decisionlog.kit.auth;

import io.decisionlog.events.errors.BadRequest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what. A role includes the roles below it: a steward and an operator can read, an admin can do all.
 * Resources name the least role they need ({@code @RolesAllowed(Role.READER)}).
 */
public enum Role {
    /** Reads the API for its repositories. */
    READER,
    /** A reader who signs decisions off. */
    STEWARD,
    /** Registers and syncs repositories and minutes sources, records CI runs. */
    OPERATOR,
    /** Everything: tokens, rebuilds, the audit trail. */
    ADMIN;

    public static final String READER_NAME = "reader";
    public static final String STEWARD_NAME = "steward";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role and every role it includes, by name, as a security identity carries them. */
    public Set<String> grantedNames() {
        EnumSet<Role> granted = switch (this) {
            case READER -> EnumSet.of(READER);
            case STEWARD -> EnumSet.of(READER, STEWARD);
            case OPERATOR -> EnumSet.of(READER, OPERATOR);
            case ADMIN -> EnumSet.allOf(Role.class);
        };
        return granted.stream().map(Role::wireName).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws BadRequest naming the roles there are */
    public static Role parse(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new BadRequest("role", "role must be one of reader, steward, operator, admin, not '"
                        + name + "'"));
    }
}
