package io.decisionlog.graph.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The UI's links, in one place, so deep links stay the same across pages. Each path segment is encoded. */
public final class Hrefs {
    private Hrefs() {
    }

    public static String repo(String repo) {
        return "/repos/" + segments(repo);
    }

    public static String blob(String repo, String path) {
        return repo(repo) + "/blob/" + segments(path);
    }

    /** The file as it was at a revision (a sha, a tag): {@code /repos/o/n/blob/REV/PATH}, as GitHub writes it. */
    public static String blobAt(String repo, String rev, String path) {
        return repo(repo) + "/blob/" + encode(rev) + "/" + segments(path);
    }

    /** Where the revision picker sends its form: it answers with the {@link #blobAt} address. */
    public static String revisionPicker(String repo) {
        return repo(repo) + "/at";
    }

    public static String line(String repo, String path, int line) {
        return blob(repo, path) + "#L" + line;
    }

    public static String lines(String repo, String path, int from, int to) {
        return blob(repo, path) + (from == to ? "#L" + from : "#L" + from + "-L" + to);
    }

    public static String chain(String repo, String path, int line) {
        return repo(repo) + "/chain/" + segments(path) + "?line=" + line;
    }

    public static String commit(String repo, String sha) {
        return repo(repo) + "/commit/" + sha;
    }

    public static String unlinked(String repo) {
        return repo(repo) + "/unlinked";
    }

    public static String decision(String id) {
        return "/decisions/" + encode(id);
    }

    public static String source(String source) {
        return "/sources/" + segments(source);
    }

    public static String search(String query) {
        return "/search?q=" + encode(query);
    }

    /** Each '/'-separated segment encoded, the slashes kept: {@code acme/payments} stays readable in the address bar. */
    static String segments(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        return out.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
