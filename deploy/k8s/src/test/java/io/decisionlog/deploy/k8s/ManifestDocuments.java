package io.decisionlog.deploy.k8s;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The documents of the manifests, read afresh on each call so that whatever the directory holds is checked. */
final class ManifestDocuments {
    /** kustomize's own configuration: it says which files to apply, it is not a resource for the API server. */
    static final String KUSTOMIZATION = "kustomization.yaml";

    private ManifestDocuments() {
    }

    /** Every document of every {@code *.yaml} of the directory but the kustomization, in file order. */
    static List<ManifestDocument> inDirectory(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted()
                    .toList();
        }
        List<ManifestDocument> documents = new ArrayList<>();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                documents.addAll(parse(file.getFileName().toString(), reader));
            }
        }
        return documents;
    }

    /** The documents of one YAML text; {@code file} is the name that reports give it. */
    static List<ManifestDocument> parse(String file, String yaml) {
        return parse(file, new StringReader(yaml));
    }

    private static List<ManifestDocument> parse(String file, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        // the API server would take the last of two equal keys; a duplicate is a mistake either way
        options.setAllowDuplicateKeys(false);
        List<ManifestDocument> documents = new ArrayList<>();
        int number = 0;
        for (Object body : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
            number++;
            // an empty document (a trailing ---) applies nothing
            if (body != null) {
                documents.add(new ManifestDocument(file, number, body));
            }
        }
        return documents;
    }
}
