package io.decisionlog.graph.api;

import io.decisionlog.events.ApiToken;
import io.decisionlog.events.Keys;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.kit.audit.AuditLog;
import io.decisionlog.kit.auth.Principals;
import io.decisionlog.kit.auth.Role;
import io.decisionlog.kit.auth.TokenIssuer;
import io.decisionlog.kit.auth.TokenSet;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/** API tokens: minted here, accepted by every service. Admins only; a secret is shown once, at minting. */
@Path("/api/v1/tokens")
@Tag(name = "tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class TokensResource {
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    static final Duration MAX_VALIDITY = Duration.ofDays(3650);
    private static final int MAX_NAME = 100;

    private final TokenIssuer issuer;
    private final TokenSet tokens;
    private final SecurityIdentity caller;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public TokensResource(TokenIssuer issuer, TokenSet tokens, SecurityIdentity caller, AuditLog audit) {
        this.issuer = issuer;
        this.tokens = tokens;
        this.caller = caller;
        this.audit = audit;
    }

    /** What an admin posts: {@code expires_in} as {@code 30d}, {@code 12h} or ISO-8601 ({@code P30D}); 90 days if absent. */
    public record TokenRequest(String name, String role, List<String> repos, String expiresIn) {
    }

    /** A token as listed: everything but its secret (which nobody has any more) and its hash. */
    public record TokenView(String id, String name, String role, List<String> repos, Instant createdAt, String createdBy,
                            Instant expiresAt, boolean expired) {
        static TokenView of(ApiToken token, Instant now) {
            return new TokenView(token.id(), token.name(), token.role(), token.repos(), token.createdAt(),
                    token.createdBy(), token.expiresAt(), token.expiredAt(now));
        }
    }

    /** The answer to a minting: the only time the secret is shown. */
    public record MintedToken(TokenView token, String secret, String note) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mint an API token", description = "201 with the secret, shown this once. role: reader, "
            + "steward, operator or admin; repos: the repositories (and minutes sources) it may read, empty for all.")
    public Response mint(TokenRequest request) throws Exception {
        if (request == null) {
            throw new BadRequest("body", "a JSON body {name, role, repos[], expires_in} is required");
        }
        return audit.around("token.create", String.valueOf(request.name()), () -> {
            String name = name(request.name());
            Role role = Role.parse(request.role());
            List<String> repos = repos(request.repos());
            Duration validity = validity(request.expiresIn());
            TokenIssuer.Minted minted = issuer.mint(name, role, repos, validity, Principals.name(caller));
            return Response.status(Response.Status.CREATED).entity(new MintedToken(
                    TokenView.of(minted.token(), clock.instant()), minted.secret(),
                    "the secret is shown this once: only its SHA-256 is kept")).build();
        });
    }

    @GET
    @Operation(summary = "Every token: id, name, role, repositories, creator, expiry (never a secret)")
    public List<TokenView> list() {
        Instant now = clock.instant();
        return tokens.all().stream().sorted(Comparator.comparing(ApiToken::createdAt))
                .map(token -> TokenView.of(token, now)).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a token: every service refuses it from the moment it reads the revocation")
    public Response revoke(@PathParam("id") String id) throws Exception {
        return audit.around("token.revoke", id, () -> {
            if (!issuer.revoke(id)) {
                throw new NotFound("no token " + id);
            }
            return Response.noContent().build();
        });
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest("name", "name must be 1 to " + MAX_NAME + " printable characters, saying who or what "
                    + "the token is for");
        }
        return name.trim();
    }

    private static List<String> repos(List<String> repos) {
        List<String> given = repos == null ? List.of() : repos.stream().map(String::trim).toList();
        given.stream().filter(repo -> !Keys.isRepo(repo)).findFirst().ifPresent(repo -> {
            throw new BadRequest("repos", "'" + repo + "' is not a repository or minutes source id (owner/name)");
        });
        return given;
    }

    static Duration validity(String expiresIn) {
        if (expiresIn == null || expiresIn.isBlank()) {
            return DEFAULT_VALIDITY;
        }
        Duration validity;
        try {
            String text = expiresIn.trim();
            validity = text.matches("\\d+[dh]") ? (text.endsWith("d") ? Duration.ofDays(number(text))
                    : Duration.ofHours(number(text))) : Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadRequest("expires_in", "expires_in must be like 30d, 12h or P30D, not '" + expiresIn + "'");
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new BadRequest("expires_in", "expires_in must be more than nothing and at most "
                    + MAX_VALIDITY.toDays() + " days");
        }
        return validity;
    }

    private static long number(String text) {
        return Long.parseLong(text.substring(0, text.length() - 1));
    }
}
