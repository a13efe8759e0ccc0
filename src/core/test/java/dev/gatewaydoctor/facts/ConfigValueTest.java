package dev.gatewaydoctor.facts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a setting means to the rules: its address's port, and the two ports of a Docker port mapping. */
class ConfigValueTest {

    private static ConfigValue config(String name, String value) {
        return ConfigValue.of(name, value, null);
    }

    @Test
    void anAddressGivesItsPortASocketNone() {
        assertThat(config("nginx.proxy_pass", "http://bitwarden:8383/").addressPort()).isEqualTo(8383);
        assertThat(config("nginx.fastcgi_pass", "127.0.0.1:9000").addressPort()).isEqualTo(9000);
        assertThat(config("nginx.fastcgi_pass", "unix:/run/php/php8.2-fpm.sock").addressPort()).isNull();
        assertThat(config("php.memory_limit", "128M").addressPort()).isNull();
    }

    @Test
    void aListenAddressOnTheLoopbackIsToldFromOneOnEveryInterface() {
        for (String loopback : new String[] {"127.0.0.1", "localhost:8000", "[::1]", "::1", "http://127.0.0.1:8080/"}) {
            assertThat(config("app.listen_address", loopback).bindsLoopbackOnly()).as(loopback).isTrue();
        }
        for (String everywhere : new String[] {"0.0.0.0", "0.0.0.0:8000", "[::]", "10.0.0.5", "unix:/run/app.sock", "plausible"}) {
            assertThat(config("app.listen_address", everywhere).bindsLoopbackOnly()).as(everywhere).isFalse();
        }
    }

    @Test
    void aLoopbackHostWithoutItsPortIsALocalAddressAndOtherHostsAreNot() {
        assertThat(config("npm.forward_host", "127.0.0.1").addressIsLocal()).isTrue();
        assertThat(config("npm.forward_host", "localhost").addressIsLocal()).isTrue();
        assertThat(config("nginx.proxy_pass", "http://127.0.0.1:3000").addressIsLocal()).isTrue();
        for (String other : new String[] {"172.17.0.1", "wordpress", "unix:/run/php/php8.2-fpm.sock", "0.0.0.0"}) {
            assertThat(config("npm.forward_host", other).addressIsLocal()).as(other).isFalse();
        }
    }

    @Test
    void aDockerPortMappingGivesTheHostsPortAndTheContainersPort() {
        ConfigValue plain = config("docker.ports", "8383:80");
        assertThat(plain.publishedPort()).isEqualTo(8383);
        assertThat(plain.containerPort()).isEqualTo(80);
        ConfigValue bound = config("docker.ports", "127.0.0.1:8081:80/tcp");
        assertThat(bound.publishedPort()).isEqualTo(8081);
        assertThat(bound.containerPort()).isEqualTo(80);
        assertThat(config("docker.ports", "80").publishedPort()).isNull();
        assertThat(config("docker.ports", "8383:80:70").containerPort()).isNull();
        assertThat(config("docker.ports", "99999:80").publishedPort()).isNull();
    }
}
