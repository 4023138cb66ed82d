package io.decisionlog.events.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a GitHub or GitLab push delivery says about its repository: its names ({@code full_name},
 * {@code path_with_namespace}), its URLs (clone, ssh, web) and the pushed ref. A source matches when its id is one
 * of the names or its url one of the URLs (compared without scheme noise, {@code .git} or a trailing slash), and
 * the ref is its branch. Both ingesters that sync git repositories (code, minutes) read pushes this way.
 */
public record PushEvent(Set<String> names, Set<String> urls, String ref) {

    /** @return empty when the body is not a JSON object */
    public static Optional<PushEvent> parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> urls = new LinkedHashSet<>();
        JsonNode repository = root.path("repository");
        JsonNode project = root.path("project");
        add(names, repository.path("full_name"));
        add(names, project.path("path_with_namespace"));
        for (String field : List.of("clone_url", "ssh_url", "git_url", "html_url", "url", "git_http_url", "git_ssh_url",
                "homepage", "web_url")) {
            add(urls, repository.path(field));
            add(urls, project.path(field));
        }
        String ref = root.path("ref").isTextual() ? root.path("ref").asText() : null;
        return Optional.of(new PushEvent(names, urls.stream().map(PushEvent::normalize).collect(
                Collectors.toCollection(LinkedHashSet::new)), ref));
    }

    /**
     * True when the push is to this registration: its id is one of the push's names or its url one of its URLs, and
     * the pushed ref is its branch.
     */
    public boolean matches(String id, String url, String branch) {
        boolean repository = names.contains(id) || urls.contains(normalize(url));
        return repository && (ref == null || ref.equals("refs/heads/" + branch));
    }

    static String normalize(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        u = u.replaceFirst("^[a-z+]+://", "").replaceFirst("^[^@/]+@", "");
        if (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith(".git")) {
            u = u.substring(0, u.length() - 4);
        }
        // scp-like ssh (git@host:owner/name) and ssh://git@host/owner/name name the same repository
        return u.replaceFirst("^([^/:]+):(?!\\d+/)", "$1/");
    }

    private static void add(Set<String> to, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            to.add(value.asText().trim());
        }
    }
}
