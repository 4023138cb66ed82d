package io.decisionlog.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds each service's OCI image with Jib, no Docker daemon and no registry: the base archive
 * ({@code base-image.sh}), then the service's {@code quarkus-app} in four layers, from what changes least to what
 * changes most (dependencies, Quarkus' own, the application, the launcher). Files keep Jib's fixed times and
 * permissions and the image its fixed creation time, so the same inputs give the same digest. The JVM runs as user
 * 185 and sizes its heap from the container's memory ({@code JAVA_TOOL_OPTIONS}, which a Deployment may override).
 *
 * <pre>java -cp … io.decisionlog.images.ImageBuild ROOT OUT_DIR VERSION</pre>
 */
public final class ImageBuild {
    static final String USER = "185";
    static final AbsoluteUnixPath HOME = AbsoluteUnixPath.get("/deployments");
    static final List<String> ENTRYPOINT = List.of("java", "-Djava.io.tmpdir=/deployments/tmp", "-jar",
            "/deployments/quarkus-run.jar");
    static final String JAVA_TOOL_OPTIONS = "-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError";

    private ImageBuild() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length != 3) {
            throw new IllegalArgumentException("usage: ImageBuild ROOT OUT_DIR VERSION");
        }
        Path root = Path.of(argv[0]);
        Path out = Files.createDirectories(Path.of(argv[1]));
        Path base = baseArchive(root);
        for (ServiceImage image : ServiceImage.ALL) {
            long started = System.nanoTime();
            JibContainer built = build(base, root.resolve(image.service()).resolve("target/quarkus-app"), image,
                    argv[2], out.resolve(image.archive()));
            System.out.printf("image %s: %s (%s, %d ms)%n", image.reference(argv[2]), built.getDigest(),
                    out.resolve(image.archive()), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** One image, written as an OCI archive; the same inputs give the same digest. */
    public static JibContainer build(Path base, Path app, ServiceImage image, String version, Path archive)
            throws Exception {
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " has no quarkus-run.jar: package " + image.service()
                    + " first (./mvnw -pl " + image.service() + " package -DskipTests)");
        }
        JibContainerBuilder container = Jib.from("tar://" + base.toAbsolutePath())
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(layer("dependencies", app.resolve("lib"), HOME.resolve("lib")))
                .addFileEntriesLayer(layer("quarkus", app.resolve("quarkus"), HOME.resolve("quarkus")))
                .addFileEntriesLayer(layer("application", app.resolve("app"), HOME.resolve("app")))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("launcher")
                        .addEntry(app.resolve("quarkus-run.jar"), HOME.resolve("quarkus-run.jar")).build())
                .setEntrypoint(ENTRYPOINT)
                .setProgramArguments(List.of())
                .setUser(USER)
                .setWorkingDirectory(HOME)
                .setEnvironment(Map.of("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS))
                .setExposedPorts(Set.of(Port.tcp(image.port())))
                // sorted: the config is written in the map's order, and Map.of's order changes from JVM to JVM
                .setLabels(new TreeMap<>(Map.of(
                        "org.opencontainers.image.title", image.service(),
                        "org.opencontainers.image.description", image.description(),
                        "org.opencontainers.image.version", version,
                        "org.opencontainers.image.vendor", "decision-log",
                        "org.opencontainers.image.base.name", "decisionlog/base-jre17:bookworm")))
                .setCreationTime(Instant.EPOCH);
        Files.deleteIfExists(archive);
        return container.containerize(Containerizer.to(TarImage.at(archive).named(image.reference(version)))
                .setOfflineMode(true)
                .setBaseImageLayersCache(archive.resolveSibling(".jib-cache/base"))
                .setApplicationLayersCache(archive.resolveSibling(".jib-cache/app")));
    }

    /** The directory's files under {@code to}, in a sorted order so that the layer is the same byte for byte. */
    private static FileEntriesLayer layer(String name, Path from, AbsoluteUnixPath to) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                layer.addEntry(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return layer.build();
    }

    /** The base archive's path, made by {@code base-image.sh} when the machine has none yet. */
    static Path baseArchive(Path root) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", root.resolve("deploy/images/base-image.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!script.waitFor(15, TimeUnit.MINUTES) || script.exitValue() != 0) {
            throw new IllegalStateException("deploy/images/base-image.sh could not make the base image (exit "
                    + script.exitValue() + "; it said why above)");
        }
        Path base = Path.of(printed.lines().reduce((first, last) -> last).orElse(""));
        if (!Files.isRegularFile(base)) {
            throw new IllegalStateException("deploy/images/base-image.sh printed no archive: '" + printed + "'");
        }
        return base;
    }
}
