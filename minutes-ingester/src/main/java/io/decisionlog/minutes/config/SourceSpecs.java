package io.decisionlog.minutes.config;

import io.decisionlog.minutes.sync.Registration;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code decisionlog.sources}: sources to track from the start, comma-separated, each {@code SOURCE=URL} or
 * {@code SOURCE=URL#BRANCH} (default branch main, default include {@code minutes/**}{@code /*.yaml} and
 * {@code .yml}), e.g. {@code acme/minutes=https://git.example.com/acme/minutes.git#main,team/adr=/srv/git/adr}.
 */
public final class SourceSpecs {
    private SourceSpecs() {
    }

    public static List<Registration> parse(List<String> entries) {
        List<Registration> registrations = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("decisionlog.sources entry '" + entry + "' must be SOURCE=URL or SOURCE=URL#BRANCH");
            }
            String source = entry.substring(0, equals);
            String url = entry.substring(equals + 1);
            String branch = null;
            int hash = url.lastIndexOf('#');
            if (hash > 0) {
                branch = url.substring(hash + 1);
                url = url.substring(0, hash);
            }
            registrations.add(new Registration(source, url, branch, null));
        }
        return registrations;
    }
}
