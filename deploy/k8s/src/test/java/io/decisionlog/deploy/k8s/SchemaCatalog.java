package io.decisionlog.deploy.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pinned JSON schemas of {@code deploy/k8s/schemas} (its README says where each comes from), found by apiVersion
 * and kind the way kubeconform finds them: Kubernetes' own kinds under {@code kubernetes/}, named
 * {@code <kind>[-<group's first label>]-<version>.json}; custom resources under {@code <group>/<kind>_<version>.json}.
 * Every schema is read from disk: nothing is fetched.
 */
final class SchemaCatalog {
    /** The base of the Kubernetes schemas' own {@code $id}s; their {@code $ref}s resolve against it. */
    private static final String KUBERNETES_ID_BASE = "https://kubernetes.io/api/";
    private static final String OBJECT_META =
            KUBERNETES_ID_BASE + "_definitions.json#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final Path directory;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final JsonSchema objectMeta;
    private final Map<Path, JsonSchema> loaded = new ConcurrentHashMap<>();

    SchemaCatalog(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        String kubernetesDirectory = this.directory.resolve("kubernetes").toUri().toString();
        // draft 2020-12: what the Kubernetes files declare, and what the CRD files were given (schemas/README.md)
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(KUBERNETES_ID_BASE, kubernetesDirectory)));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                // messages the test compares against stay English whatever the machine's locale
                .locale(Locale.ENGLISH)
                .build();
        this.objectMeta = factory.getSchema(new ObjectMapper().createObjectNode().put("$ref", OBJECT_META), config);
    }

    /** The schema of a kind, or empty when the catalog has none (which the caller must report, not skip). */
    Optional<KindSchema> forKind(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        if (isKubernetesGroup(group)) {
            String groupLabel = group.isEmpty() ? "" : "-" + group.split("\\.")[0];
            return load(directory.resolve("kubernetes").resolve(lowerKind + groupLabel + "-" + version + ".json"))
                    .map(schema -> new KindSchema(schema, null));
        }
        // a custom resource's schema leaves metadata open, where the API server checks it as ObjectMeta
        return load(directory.resolve(group).resolve(lowerKind + "_" + version + ".json"))
                .map(schema -> new KindSchema(schema, objectMeta));
    }

    /** Kubernetes' own API groups: the core group ("") and those without a domain or under k8s.io. */
    private static boolean isKubernetesGroup(String group) {
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    private Optional<JsonSchema> load(Path file) {
        if (!file.normalize().startsWith(directory) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(file,
                path -> factory.getSchema(SchemaLocation.of(path.toUri().toString()), config)));
    }
}
