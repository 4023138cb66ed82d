package io.decisionlog.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.cli.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI as a person uses it, in a real headless Chromium against the stack {@code ./decisionlog demo} builds:
 * follow the link the demo prints, sign in, see the line's chain beside the code, move between changes with the keys,
 * follow the decision to its page and diagram, search by id, open the worklist, and meet another team's file as a 404
 * with a scoped reader's token. Each step saves a screenshot under {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {
    private static final Pattern PAGE_LINK = Pattern.compile("Read it in a browser:\\s+(http://\\S+)");
    private static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();

    private Stack stack;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String filePage;

    @BeforeAll
    void runTheDemoAndOpenABrowser() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Path work = Files.createDirectories(Path.of("target/e2e").toAbsolutePath());
        stack = new Stack(root, work.resolve("web-" + UUID.randomUUID().toString().substring(0, 8)));
        Stack.Run demo = stack.run(List.of("demo"), 600);
        assertThat(demo.exitCode()).as("./decisionlog demo:\n%s", demo.output()).isZero();
        Matcher link = PAGE_LINK.matcher(demo.output());
        assertThat(link.find()).as("the demo prints a traced file's page:\n%s", demo.output()).isTrue();
        filePage = link.group(1);
        browser = Chromium.start(work.resolve("browser-profiles"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void closeTheBrowserAndStopTheStack() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldFollowALineToItsDecisionAndBack() throws Exception {
        signIn(stack.adminToken(), filePage);
        // the shared link's #L survives sign-in: the line is selected and its chain is open beside the code
        String line = filePage.substring(filePage.indexOf("#L") + 2);
        wait.until(ExpectedConditions.attributeContains(By.id("L" + line), "class", "sel"));
        WebElement chain = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")));
        wait.until(ExpectedConditions.textToBePresentInElement(chain, "Shipped by"));
        assertThat(chain.getText()).contains("Commit", "Decision").containsPattern("D-20\\d\\d-\\d{3}");
        screenshot("file-with-chain");

        // j moves to the next change, Escape closes the chain
        browser.findElement(By.tagName("body")).sendKeys("j");
        wait.until(driver -> !driver.getCurrentUrl().endsWith("#L" + line));
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("chain")));

        // a click on a line opens its chain; its decision chip leads to the decision's page and diagram
        browser.findElement(By.cssSelector("#L" + line + " td:last-child")).click();
        chain = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")));
        WebElement chip = wait.until(driver -> driver.findElement(By.cssSelector("#chain .decision a.chip")));
        String decision = chip.getText();
        chip.click();
        wait.until(ExpectedConditions.urlContains("/decisions/" + decision));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.mermaid svg")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(decision, "Lines it still owns");
        screenshot("decision");

        // '/' goes to the search box; a decision id goes straight to its page
        browser.get(stack.graph() + "/repos");
        browser.findElement(By.tagName("body")).sendKeys("/");
        WebElement box = browser.switchTo().activeElement();
        assertThat(box.getAttribute("id")).isEqualTo("q");
        box.sendKeys(decision, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/decisions/" + decision));

        // a line's chain leads to the file as it was before its commit; the revision picker leads back
        browser.get(filePage);
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")));
        wait.until(ExpectedConditions.textToBePresentInElement(panel, "Shipped by"));
        browser.findElement(By.cssSelector("#chain a.before")).click();
        wait.until(ExpectedConditions.urlMatches("/blob/[0-9a-f]{40}/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".bar"), "as it was at"));
        browser.findElement(By.cssSelector("#blame tr td:last-child")).click();
        WebElement pastChain = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")));
        wait.until(ExpectedConditions.textToBePresentInElement(pastChain, "Shipped by"));
        screenshot("file-at-revision");
        WebElement rev = browser.findElement(By.cssSelector("form.rev input[name=rev]"));
        rev.clear();
        rev.sendKeys(Keys.ENTER);
        wait.until(driver -> !driver.getCurrentUrl().matches(".*/blob/[0-9a-f]{40}/.*"));
        assertThat(browser.findElement(By.cssSelector(".bar")).getText()).doesNotContain("as it was at");

        // the worklist of changes nobody decided, oldest range the demo has
        browser.get(stack.graph() + "/repos/acme/payments/unlinked?since=2000-01-01");
        WebElement worklist = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.worklist")));
        assertThat(worklist.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("a.csv")).getAttribute("href")).contains("format=csv");
        screenshot("unlinked");
        signOut();
    }

    @Test
    void shouldShowAReaderOfAnotherRepositoryTheNotFoundPage() throws Exception {
        Http http = new Http(Duration.ofSeconds(10), Http.DEFAULT_BACKOFF).withToken(stack.adminToken());
        JsonNode minted = http.postJson("decision-graph", stack.graph() + "/api/v1/tokens", Map.of("name", "web ui reader",
                "role", "reader", "repos", List.of("acme/elsewhere"), "expires_in", "1h")).json();
        String reader = minted.path("secret").asText();
        assertThat(reader).startsWith("dl_");

        signIn(reader, filePage);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "404"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("is unknown")
                .doesNotContain("timeout");
        assertThat(browser.findElements(By.id("blame"))).isEmpty();
        screenshot("reader-404");
        signOut();
    }

    @Test
    void shouldLetAStewardSignOffTheDecisionOfALineOnItsPage() throws Exception {
        Http http = new Http(Duration.ofSeconds(10), Http.DEFAULT_BACKOFF).withToken(stack.adminToken());
        String steward = http.postJson("decision-graph", stack.graph() + "/api/v1/tokens", Map.of("name", "li.wei",
                "role", "steward", "repos", List.of("acme/payments"), "expires_in", "1h")).json().path("secret").asText();
        assertThat(steward).startsWith("dl_");

        signIn(steward, filePage);
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")));
        String decision = wait.until(driver -> panel.findElement(By.cssSelector(".decision a.chip"))).getText();
        browser.get(stack.graph() + "/decisions/" + decision);
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.signoff-form")));
        String digest = form.findElement(By.cssSelector("input[name=digest]")).getAttribute("value");
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        form.findElement(By.cssSelector("textarea[name=comment]")).sendKeys("read the minutes and both runs");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement given = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".signoff .chip.current")));
        assertThat(given.findElement(By.xpath("..")).getText()).contains("li.wei", "read the minutes and both runs");
        screenshot("signoff");

        // the line's chain beside the code now ends with the steward
        browser.get(filePage);
        WebElement chain = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")));
        wait.until(ExpectedConditions.textToBePresentInElement(chain, "Signed off"));
        assertThat(chain.getText()).contains("li.wei", "current");
        signOut();
    }

    /** Opens a page, lands on the sign-in form (no session), and signs in with the token. */
    private void signIn(String token, String page) {
        browser.get(page);
        wait.until(ExpectedConditions.urlContains("/sign-in"));
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        screenshot("sign-in");
        field.sendKeys(token, Keys.ENTER);
        wait.until(driver -> !driver.getCurrentUrl().contains("/sign-in"));
    }

    private void signOut() {
        browser.findElement(By.cssSelector(".who button")).click();
        wait.until(ExpectedConditions.urlContains("/sign-in"));
    }

    private void screenshot(String name) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
