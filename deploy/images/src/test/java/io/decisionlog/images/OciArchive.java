package io.decisionlog.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI image archive read as a registry client would, without unpacking it: {@code index.json} names the image
 * ({@code org.opencontainers.image.ref.name}) and its manifest, the manifest its config and layers.
 */
record OciArchive(String name, String manifestDigest, String configDigest, JsonNode config, List<String> layers,
                  List<String> entries) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 1 << 20;

    static OciArchive read(Path archive) throws IOException {
        Map<String, byte[]> json = new HashMap<>();
        List<String> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive)) {
            Tar.forEach(in, (entry, size) -> {
                entries.add(entry);
                return entry.equals("index.json") || size <= MAX_JSON && entry.startsWith("blobs/sha256/");
            }, json::put);
        }
        JsonNode index = JSON.readTree(json.get("index.json"));
        JsonNode entry = index.path("manifests").get(0);
        String manifestDigest = entry.path("digest").asText();
        JsonNode manifest = JSON.readTree(blob(json, manifestDigest));
        String configDigest = manifest.path("config").path("digest").asText();
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(layer.path("digest").asText()));
        return new OciArchive(entry.path("annotations").path("org.opencontainers.image.ref.name").asText(),
                manifestDigest, configDigest, JSON.readTree(blob(json, configDigest)), layers, entries);
    }

    private static byte[] blob(Map<String, byte[]> json, String digest) {
        byte[] body = json.get("blobs/sha256/" + digest.substring("sha256:".length()));
        if (body == null) {
            throw new IllegalStateException("the archive has no blob " + digest);
        }
        return body;
    }

    /** A minimal ustar reader: each entry's name and size, and the bodies of the entries asked for. */
    static final class Tar {
        interface Wanted {
            boolean test(String name, long size);
        }

        interface Reader {
            void accept(String name, byte[] body);
        }

        static void forEach(InputStream in, Wanted wanted, Reader reader) throws IOException {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String prefix = text(header, 345, 155);
                String name = prefix.isEmpty() ? text(header, 0, 100) : prefix + "/" + text(header, 0, 100);
                String octal = text(header, 124, 12);
                long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
                boolean file = header[156] == '0' || header[156] == 0;
                if (file && wanted.test(name, size)) {
                    reader.accept(name, in.readNBytes((int) size));
                } else {
                    in.skipNBytes(size);
                }
                in.skipNBytes((512 - size % 512) % 512);
            }
        }

        private static String text(byte[] header, int from, int length) {
            int end = from;
            while (end < from + length && header[end] != 0) {
                end++;
            }
            return new String(header, from, end - from, StandardCharsets.US_ASCII).strip();
        }
    }
}
