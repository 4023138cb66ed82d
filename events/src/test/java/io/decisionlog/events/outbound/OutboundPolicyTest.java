package io.decisionlog.events.outbound;

import io.decisionlog.events.errors.BadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundPolicyTest {
    private final OutboundPolicy strict = OutboundPolicy.of(List.of(), List.of());

    @Test
    void shouldRefuseEveryAddressClassThatReachesTheHostOrItsNetworkNamingTheRule() {
        assertRefused(strict, "https://127.0.0.1/x.git", "127.0.0.1 is a loopback address");
        assertRefused(strict, "https://[::1]/x.git", "is a loopback address");
        assertRefused(strict, "https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address");
        assertRefused(strict, "https://10.1.2.3/x.git", "10.1.2.3 is a private address");
        assertRefused(strict, "https://192.168.0.10/x.git", "is a private address");
        assertRefused(strict, "https://100.64.0.1/x.git", "is a carrier-grade NAT address");
        assertRefused(strict, "https://0.0.0.0/x.git", "is a unspecified address");
        assertRefused(strict, "https://[::ffff:10.0.0.1]/x.git", "is a private address");
    }

    @Test
    void anApiUrlIsHttpToAnAllowedAddressWithNoUserAndNoLocalPath(@TempDir Path dir) {
        assertThatThrownBy(() -> strict.checkHttp("api_url", "https://169.254.169.254/latest"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("link-local")
                .satisfies(e -> assertThat(((BadRequest) e).field()).isEqualTo("api_url"));
        assertThatThrownBy(() -> strict.checkHttp("api_url", "http://127.0.0.1:8080"))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> strict.checkHttp("api_url", "https://token@api.github.com"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("must not carry a user");
        OutboundPolicy local = OutboundPolicy.of(List.of("127.0.0.1"), List.of(dir));
        assertThatThrownBy(() -> local.checkHttp("api_url", dir.toString())).isInstanceOf(BadRequest.class)
                .hasMessageContaining("must be an http(s) URL");
        assertThatThrownBy(() -> local.checkHttp("api_url", "ssh://git@127.0.0.1/x")).isInstanceOf(BadRequest.class);
        assertThat(local.checkHttp("api_url", "http://127.0.0.1:9999/api/v3").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldRefuseAHostThatDoesNotResolveInsteadOfSkippingTheCheck() {
        assertThatThrownBy(() -> strict.resolve("no-such-host.invalid")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("host no-such-host.invalid does not resolve");
    }

    @Test
    void shouldAllowExactlyTheListedAddressNotTheNetworkAroundIt() throws IOException {
        OutboundPolicy policy = OutboundPolicy.of(List.of("127.0.0.1", "git.internal.example"), List.of());

        policy.checkAddress("anything", InetAddress.getByName("127.0.0.1"));
        policy.checkAddress("git.internal.example", InetAddress.getByName("10.9.9.9"));
        assertThatThrownBy(() -> policy.checkAddress("anything", InetAddress.getByName("127.0.0.2")))
                .isInstanceOf(BadRequest.class).hasMessageContaining("127.0.0.2 is a loopback address");
        assertThatThrownBy(() -> policy.checkAddress("other.example", InetAddress.getByName("10.9.9.9")))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void shouldAllowCleartextHttpOnlyToListedHosts() {
        assertRefused(strict, "http://github.com/acme/x.git", "cleartext http");
        assertRefused(strict, "git://github.com/acme/x.git", "has scheme git");
        assertThat(OutboundPolicy.of(List.of("mirror.example"), List.of()).check("http://mirror.example/x.git"))
                .isInstanceOf(Destination.Remote.class);
        assertThat(strict.check("https://github.com/acme/x.git")).isEqualTo(
                new Destination.Remote("https", "github.com", -1, "https://github.com/acme/x.git"));
        assertThat(strict.check("git@github.com:acme/x.git")).isInstanceOf(Destination.Remote.class);
    }

    @Test
    void shouldRefuseAPasswordInAUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> strict.check("https://bob:hunter2@github.com/acme/x.git"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("carries a password")
                .hasMessageContaining("https://bob@github.com/acme/x.git").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> strict.check("bob:hunter2@github.com:acme/x.git"))
                .isInstanceOf(BadRequest.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldAllowLocalRepositoriesOnlyUnderTheLocalRoots(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("repos"));
        Path inside = Files.createDirectories(root.resolve("acme.git"));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere.git"));
        Path escape = Files.createSymbolicLink(root.resolve("escape.git"), outside);
        OutboundPolicy policy = OutboundPolicy.of(List.of(), List.of(root));

        assertRefused(strict, inside.toString(), "lists none");
        assertRefused(strict, "file:///etc", "lists none");
        assertThat(policy.check(inside.toString())).isEqualTo(new Destination.Local(inside.toRealPath(), inside.toString()));
        assertThat(policy.check(inside.toUri().toString())).isInstanceOf(Destination.Local.class);
        assertRefused(policy, outside.toString(), "is outside the directories");
        assertRefused(policy, escape.toString(), "is outside the directories");
        assertRefused(policy, root.resolve("../elsewhere.git").toString(), "is outside the directories");
        assertRefused(policy, "file:///etc/passwd", "is outside the directories");
    }

    private static void assertRefused(OutboundPolicy policy, String url, String because) {
        assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(BadRequest.class)
                .hasMessageContaining(because);
    }
}
