package io.decisionlog.ciaudit.pull;

import io.decisionlog.events.errors.BadRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokens a pull may send, by reference: a CI source names its credentials ({@code credentials_ref}); the token
 * itself is in the service's configuration ({@code decisionlog.ci.pull.credentials}: {@code ref@host=token}, comma
 * separated) or in a file of {@code decisionlog.ci.pull.credentials-dir} named after the reference and holding
 * {@code host=token} (a mounted secret; read at every pass, so a rotated file counts at once). Each token is bound to
 * one host: a source whose API is elsewhere is refused at registration, so no registration can send a token to a host
 * of its choosing. Errors name the reference and the host, never the token.
 */
public final class PullCredentials {
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A token and the one host it may go to. */
    public record Credential(String host, String token) {
        @Override
        public String toString() {
            return "Credential[host=" + host + "]";
        }
    }

    private final Map<String, Credential> configured;
    private final Optional<Path> dir;

    private PullCredentials(Map<String, Credential> configured, Optional<Path> dir) {
        this.configured = configured;
        this.dir = dir;
    }

    public static PullCredentials of(List<String> entries, Optional<Path> dir) {
        Map<String, Credential> configured = new HashMap<>();
        for (String entry : entries) {
            int at = entry.indexOf('@');
            int equals = entry.indexOf('=', Math.max(at, 0));
            if (at <= 0 || equals <= at + 1 || equals == entry.trim().length() - 1) {
                throw new IllegalArgumentException("decisionlog.ci.pull.credentials: an entry is not ref@host=token (it "
                        + "starts with '" + entry.substring(0, Math.max(0, Math.min(at, 20))) + "')");
            }
            configured.put(entry.substring(0, at).trim(), new Credential(
                    entry.substring(at + 1, equals).trim().toLowerCase(Locale.ROOT), entry.substring(equals + 1).trim()));
        }
        return new PullCredentials(Map.copyOf(configured), dir);
    }

    /**
     * The credential {@code ref} names for {@code host}; none when {@code ref} is null (a public API).
     *
     * @throws BadRequest when the reference is unknown or bound to another host
     */
    public Optional<Credential> forHost(String ref, String host) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        if (!REF.matcher(ref).matches()) {
            throw new BadRequest("credentials_ref", "credentials_ref must be a name of letters, digits, '.', '_' and '-'");
        }
        Credential credential = Optional.ofNullable(configured.get(ref)).or(() -> fromFile(ref)).orElseThrow(() ->
                new BadRequest("credentials_ref", "no credentials named " + ref + " (decisionlog.ci.pull.credentials as "
                        + ref + "@host=token, or a file " + ref + " in decisionlog.ci.pull.credentials-dir)"));
        if (!credential.host().equalsIgnoreCase(host)) {
            throw new BadRequest("credentials_ref", "the credentials " + ref + " are bound to " + credential.host()
                    + ", not to " + host);
        }
        return Optional.of(credential);
    }

    private Optional<Credential> fromFile(String ref) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(ref);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            int equals = text.indexOf('=');
            if (equals <= 0 || equals == text.length() - 1) {
                throw new BadRequest("credentials_ref", "the file for " + ref + " does not hold host=token");
            }
            return Optional.of(new Credential(text.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                    text.substring(equals + 1).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the credentials file for " + ref, e);
        }
    }
}
