package io.decisionlog.images;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images the build made (target/images, by {@link ImageBuild} in the images profile): each one inspected from its
 * archive alone — its name, entrypoint, user, port, environment, labels and layers — one built again giving the same
 * digest, and the manifests running exactly these names on these ports.
 */
class ImagesTest {
    private static final Path BUILT = Path.of("target/images");
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path again;

    @Test
    void eachServiceHasAnImageThatRunsItsJarAsANonRootUserOnItsPort() throws IOException {
        for (ServiceImage image : ServiceImage.ALL) {
            OciArchive archive = OciArchive.read(built(image));
            JsonNode config = archive.config().path("config");
            assertThat(archive.name()).as(image.service()).startsWith(ServiceImage.REGISTRY + "/" + image.service() + ":");
            assertThat(strings(config.path("Entrypoint"))).as(image.service()).isEqualTo(ImageBuild.ENTRYPOINT);
            assertThat(config.path("User").asText()).isEqualTo("185");
            assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
            assertThat(config.path("ExposedPorts").has(image.port() + "/tcp")).as(image.service() + " exposes "
                    + image.port()).isTrue();
            assertThat(config.path("ExposedPorts").size()).isEqualTo(1);
            assertThat(strings(config.path("Env"))).contains("JAVA_TOOL_OPTIONS=" + ImageBuild.JAVA_TOOL_OPTIONS)
                    .anyMatch(env -> env.startsWith("JAVA_HOME=/usr/lib/jvm/java-17-openjdk"));
            assertThat(config.path("Labels").path("org.opencontainers.image.title").asText()).isEqualTo(image.service());
            assertThat(config.path("Labels").path("org.opencontainers.image.version").asText())
                    .isEqualTo(archive.name().substring(archive.name().lastIndexOf(':') + 1));
            assertThat(archive.layers()).as("the base and the four layers of quarkus-app").hasSize(5);
            assertThat(archive.entries()).as("every layer is in the archive")
                    .containsAll(archive.layers().stream().map(d -> "blobs/sha256/" + d.substring(7)).toList());
        }
    }

    @Test
    void theSameInputsGiveTheSameDigest() throws Exception {
        ServiceImage image = ServiceImage.ALL.get(0);
        OciArchive first = OciArchive.read(built(image));
        String version = first.name().substring(first.name().lastIndexOf(':') + 1);
        Path base = ImageBuild.baseArchive(ROOT);
        ImageBuild.build(base, ROOT.resolve(image.service()).resolve("target/quarkus-app"), image, version,
                again.resolve(image.archive()));
        OciArchive second = OciArchive.read(again.resolve(image.archive()));
        assertThat(second.manifestDigest()).isEqualTo(first.manifestDigest());
        assertThat(second.configDigest()).isEqualTo(first.configDigest());
    }

    @Test
    void theManifestsRunTheseImagesOnTheirPorts() throws IOException {
        for (ServiceImage image : ServiceImage.ALL) {
            String name = OciArchive.read(built(image)).name();
            List<Map<String, Object>> containers = containers(ROOT.resolve("deploy/k8s").resolve(image.service() + ".yaml"));
            assertThat(containers).as(image.service()).hasSize(1);
            Map<String, Object> container = containers.get(0);
            assertThat(container.get("image")).as(image.service()).isEqualTo(name);
            Object port = ((List<?>) container.get("ports")).stream().map(p -> ((Map<?, ?>) p).get("containerPort"))
                    .findFirst().orElse(null);
            assertThat(port).as(image.service() + "'s containerPort").isEqualTo(image.port());
        }
    }

    private static Path built(ServiceImage image) {
        Path archive = BUILT.resolve(image.archive());
        assertThat(archive).as("the build makes the images before this test (ImageBuild, in the images profile, "
                + "active unless -DskipTests): " + archive.toAbsolutePath()).isRegularFile();
        return archive;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Path manifest) throws IOException {
        List<Map<String, Object>> containers = new ArrayList<>();
        try (InputStream in = Files.newInputStream(manifest)) {
            for (Object document : new Yaml().loadAll(in)) {
                Map<String, Object> doc = document instanceof Map<?, ?> map ? (Map<String, Object>) map : new HashMap<>();
                if ("Deployment".equals(doc.get("kind"))) {
                    Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                            doc.get("spec")).get("template")).get("spec");
                    containers.addAll((List<Map<String, Object>>) spec.get("containers"));
                }
            }
        }
        return containers;
    }
}
