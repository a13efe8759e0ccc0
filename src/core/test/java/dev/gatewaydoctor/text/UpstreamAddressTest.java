package dev.gatewaydoctor.text;

import dev.gatewaydoctor.facts.ConfigValue;
import dev.gatewaydoctor.facts.Site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Addresses as nginx, Apache and PHP-FPM write them, reduced to one comparable form. */
class UpstreamAddressTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "unix:/run/php/php8.2-fpm.sock => unix:/run/php/php8.2-fpm.sock",
            "/run/php/php8.2-fpm.sock => unix:/run/php/php8.2-fpm.sock",
            "fastcgi://unix:/run/php/php8.2-fpm.sock: => unix:/run/php/php8.2-fpm.sock",
            "proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost => unix:/run/php/php8.2-fpm.sock",
            "9000 => 127.0.0.1:9000",
            "127.0.0.1:9000 => 127.0.0.1:9000",
            "localhost:9000 => 127.0.0.1:9000",
            "fastcgi://127.0.0.1:9000 => 127.0.0.1:9000",
            "http://127.0.0.1:9000/index.php => 127.0.0.1:9000",
            "http://wordpress => wordpress:80",
            "wordpress:9000; => wordpress:9000",
            "[::1]:9000 => 127.0.0.1:9000",
            "uds://tmp/lshttpd/lsphp.sock => unix:/tmp/lshttpd/lsphp.sock",
            "fastcgi://unix:/Users/***/Library/Application Support/Herd/herd.sock: => unix:/Users/***/Library/Application Support/Herd/herd.sock",
            "unix:/run/php/php8.2-fpm.sock failed => unix:/run/php/php8.2-fpm.sock",
    })
    void normalizes(String written, String expected) {
        assertThat(UpstreamAddress.normalize(written)).isEqualTo(expected);
    }

    @Test
    void textThatIsNoAddressIsNull() {
        assertThat(UpstreamAddress.normalize("ondemand")).isNull();
        assertThat(UpstreamAddress.normalize("32k")).isNull();
        assertThat(UpstreamAddress.normalize(null)).isNull();
    }

    @Test
    void tellsLocalIpAndNamedAddressesApart() {
        assertThat(UpstreamAddress.isLocal("unix:/run/php/x.sock")).isTrue();
        assertThat(UpstreamAddress.isLocal("127.0.0.1:9000")).isTrue();
        assertThat(UpstreamAddress.isLocal("10.0.2.15:9000")).isFalse();
        assertThat(UpstreamAddress.isIp("172.19.0.3:9000")).isTrue();
        assertThat(UpstreamAddress.isIp("wordpress:9000")).isFalse();
        assertThat(UpstreamAddress.hostName("wordpress:9000")).isEqualTo("wordpress");
        assertThat(UpstreamAddress.hostName("172.19.0.3:9000")).isNull();
        assertThat(UpstreamAddress.hostName("127.0.0.1:9000")).isNull();
    }

    @Test
    void readsThePhpVersionASocketNames() {
        assertThat(UpstreamAddress.phpVersion("/run/php/php7.4-fpm.sock")).isEqualTo("7.4");
        assertThat(UpstreamAddress.phpVersion("/var/opt/remi/php82/run/php-fpm/www.sock")).isEqualTo("8.2");
        assertThat(UpstreamAddress.phpVersion("/run/php-fpm/www.sock")).isNull();
    }

    @Test
    void configValuesAndSitesExposeWhatRulesCompare() {
        assertThat(ConfigValue.of("php-fpm.listen", "/run/php/php8.2-fpm.sock", null).address()).isEqualTo("unix:/run/php/php8.2-fpm.sock");
        assertThat(ConfigValue.of("nginx.proxy_pass", "http://app:8080", null).addressHostName()).isEqualTo("app");
        Site site = new Site(null, null, null, null, null, null, "8.2.12", "5.2.4");
        assertThat(site.phpBranch()).isEqualTo("8.2");
        assertThat(site.phpRelease()).isEqualTo(8.2);
        assertThat(site.wordpressRelease()).isEqualTo(5.2);
        assertThat(Site.UNKNOWN.phpRelease()).isNull();
    }
}
