package dev.gatewaydoctor.page;

import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.WritableRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.service.DiagnosisServer;
import dev.gatewaydoctor.service.ServiceSettings;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's page in a real browser (headless Chromium): paste a ticket, see the cause first, answer a next
 * check, record the outcome in two clicks, and find the case in {@code cases export}. Tagged {@code browser}:
 * run by CI (.ci/run installs Debian's chromium and chromium-driver) and by
 * {@code mvn verify -pl src/cli -am -Dtest=PageBrowserTest -Dsurefire.failIfNoSpecifiedTests=false -Dcli.excludedGroups=}.
 */
@Tag("browser")
class PageBrowserTest {

    static final String TICKET = """
            Hi support,

            since this morning our shop answers "502 Bad Gateway" at lunchtime, every day. Our admin found this in
            /var/log/nginx/error.log:

            2024/03/01 12:04:17 [error] 1187#1187: *1 connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.9, server: shop.example, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:", host: "shop.example"

            and in the PHP-FPM log:

            [01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it

            Thanks, Anna
            """;

    private static String existing(String... paths) {
        for (String p : paths) if (Files.isExecutable(Path.of(p))) return p;
        throw new AssertionError("no " + String.join(" or ", paths) + ": install Debian's chromium and chromium-driver (.ci/run does)");
    }

    @Test
    void anAgentPastesATicketAnswersACheckRecordsTheOutcomeAndFindsTheCaseExported(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (var server = DiagnosisServer.start(ServiceSettings.defaults().withPort(0).withDataDir(data), WritableRules.REFUSE, m -> { })) {
            var options = new ChromeOptions();
            options.setBinary(existing("/usr/bin/chromium", "/usr/bin/chromium-browser"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,2400");
            var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(existing("/usr/bin/chromedriver"))).usingAnyFreePort().build();
            WebDriver browser = new ChromeDriver(service, options);
            try {
                var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                browser.get("http://127.0.0.1:" + server.port() + "/");
                WebElement ticket = browser.findElement(By.id("ticket"));
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", ticket, TICKET);
                ticket.sendKeys(" "); // typed too: the field is what an agent pastes into
                browser.findElement(By.id("diagnose")).click();

                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#causes li[data-cause]")));
                List<WebElement> causes = browser.findElements(By.cssSelector("#causes li[data-cause]"));
                assertThat(causes.get(0).getAttribute("data-cause")).isEqualTo("php-fpm-pool-exhausted");
                assertThat(browser.findElement(By.cssSelector("#fixes li[data-fix]")).getAttribute("data-fix")).isEqualTo("tune-php-fpm-pool");
                assertThat(browser.findElement(By.id("reply")).getAttribute("value")).contains("Hello,").contains("PHP-FPM pool exhausted (pool www)").contains("Size the PHP-FPM pool");
                assertThat(browser.getPageSource()).as("the visitor's IP is redacted in what the page shows").doesNotContain("203.0.113.9");

                WebElement yes = browser.findElement(By.cssSelector("#checks button[data-answer='true']"));
                String observation = yes.getAttribute("data-observation");
                yes.click();
                wait.until(ExpectedConditions.textToBe(By.id("status"), "Diagnosed again with the answer."));
                assertThat(browser.findElements(By.cssSelector("#checks button[data-observation='" + observation + "']")))
                        .as("the answered check is not asked again").isEmpty();

                new Select(browser.findElement(By.id("outcome-fix"))).selectByValue("tune-php-fpm-pool");
                browser.findElement(By.id("record")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome-status"), "Recorded"));

                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
                Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.createDirectories(Path.of("target"));
                Files.copy(shot, Path.of("target/page.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }
        }
        Path out = dir.resolve("confirmed");
        var run = TestCli.run("cases", "export", "--confirmed", out.toString(), "--data", data.toString());
        assertThat(run.code()).as(run.err()).isZero();
        try (var files = Files.list(out)) {
            List<Path> exported = files.toList();
            assertThat(exported).hasSize(1);
            FactSet f = new FactSetReader().read(exported.get(0));
            assertThat(f.expect().fixes()).containsExactly("tune-php-fpm-pool");
            assertThat(f.facts().toString()).contains("server reached pm.max_children").doesNotContain("203.0.113.9");
        }
    }
}
