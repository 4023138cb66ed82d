package io.decisionlog.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.deploy.local.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One image run as a container runtime would run it, without one: its layers unpacked in order into a root, /proc
 * mounted there, and its entrypoint started in it with its environment, working directory and user (chroot
 * --userspec). The service must answer its liveness probe, and its process must be user 185, not root. Needs root
 * (to chroot and mount /proc), as the tests that build the base image do; fails saying so otherwise.
 */
class ImageRunTest {
    @TempDir
    Path dir;

    @Test
    void theCiAuditIngestersImageStartsItsServiceAsUser185() throws Exception {
        assertThat(run("id", "-u").strip()).as("this test unpacks and chroots into an image: it needs root").isEqualTo("0");
        ServiceImage image = ServiceImage.ALL.stream().filter(s -> s.service().equals("ci-audit-ingester")).findFirst()
                .orElseThrow();
        OciArchive archive = OciArchive.read(Path.of("target/images").resolve(image.archive()));
        Path root = Files.createDirectories(dir.resolve("root"));
        unpack(Path.of("target/images").resolve(image.archive()), archive.layers(), root);
        JsonNode config = archive.config().path("config");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("chroot", "--userspec=" + config.path("User").asText() + ":0",
                root.toString(), "/usr/bin/env", "-i", "-C", config.path("WorkingDir").asText()));
        config.path("Env").forEach(env -> command.add(env.asText()));
        command.addAll(List.of("QUARKUS_HTTP_PORT=" + port, "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1",
                "DECISIONLOG_DATA_DIR=/deployments/tmp/data"));
        config.path("Entrypoint").forEach(part -> command.add(part.asText()));

        run("mount", "-t", "proc", "proc", root.resolve("proc").toString());
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile()).start();
        try {
            String live = awaitLive(port, service);
            assertThat(live).as(Files.readString(dir.resolve("service.log"))).contains("\"UP\"");
            String status = Files.readString(Path.of("/proc", String.valueOf(service.pid()), "status"));
            assertThat(status.lines().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow())
                    .as("the service's process runs as the image's user").matches("Uid:\\s+185\\s+185\\s+185\\s+185");
            assertThat(Files.readString(Path.of("/proc", String.valueOf(service.pid()), "cmdline")))
                    .contains("/deployments/quarkus-run.jar");
        } finally {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            run("umount", root.resolve("proc").toString());
            // the root's absolute symlinks point outside it: removed here, not walked by the temp dir's cleanup
            run("rm", "-rf", root.toString(), root.resolveSibling("blobs").toString());
        }
    }

    /** Each layer in the manifest's order, as a runtime applies them (these layers add files; none deletes). */
    private static void unpack(Path archive, List<String> layers, Path root) throws Exception {
        Path blobs = Files.createDirectories(root.resolveSibling("blobs"));
        run("tar", "-xf", archive.toString(), "-C", blobs.toString());
        for (String layer : layers) {
            run("tar", "-xzf", blobs.resolve("blobs/sha256").resolve(layer.substring("sha256:".length())).toString(),
                    "-C", root.toString());
        }
    }

    /** The liveness answer, once the service gives one; fails at once, with its log, if the service exits first. */
    private String awaitLive(int port, Process service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicReference<String> live = new AtomicReference<>();
        Wait.until("the image's service to answer /q/health/live on :" + port, Duration.ofSeconds(90), () -> {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + ":\n" + log());
            }
            live.set(probe(http, port));
            return live.get() != null;
        });
        return live.get();
    }

    private static String probe(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the service", e);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }
}
