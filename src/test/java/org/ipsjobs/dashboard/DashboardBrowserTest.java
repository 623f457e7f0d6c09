package org.ipsjobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through its chromedriver. Each
 * test watches or does on the page what a person would, and checks the effect over SOAP. Screenshots
 * of the main views go to target/dashboard-screenshots.
 *
 * <p>Without /usr/bin/chromium and /usr/bin/chromedriver the tests are skipped, unless
 * the environment has {@code IPS_BROWSER_TESTS=required} (as .ci/run sets, after installing them): then
 * it is a failure.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("IPS_BROWSER_TESTS"))) {
            throw new IllegalStateException("the dashboard's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no Chromium here; apt-get install chromium chromium-driver to run these");
        profile = Files.createTempDirectory("ips-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags keep Chromium from reaching out to a network this machine does not have
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void aJobSubmittedOverSoapIsWatchedOnThePageUntilDone() throws Exception {
        // three items at 0.7 s each: long enough to see the bar between empty and full
        try (TestServer server = TestServer.start(Duration.ofMillis(700), Duration.ofHours(1))) {
            open(server, "/dashboard/");
            String job = server.submitPublish("47", "Watched");

            By row = By.cssSelector("#jobs-table tr[data-handle*='Watched']");
            List<Integer> seen = new ArrayList<>();
            new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(50)).until(d -> {
                List<WebElement> rows = d.findElements(row);
                if (rows.isEmpty()) {
                    return false;
                }
                try {
                    int value = Integer.parseInt(rows.get(0).findElement(By.tagName("progress")).getAttribute("value"));
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != value) {
                        seen.add(value);
                    }
                    return rows.get(0).findElement(By.cssSelector(".state")).getText().contains("Done");
                } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    return false; // the live block was replaced while being read
                }
            });

            assertThat(seen).as("progress values the page showed").last().isEqualTo(100);
            assertThat(seen).as("the bar moved through values between empty and full").anyMatch(v -> v > 0 && v < 100);
            assertThat(textOf(row)).contains("Sample Company").contains("ImageServingPublish")
                    .contains("3 of 3 done, 0 failed");
            assertThat(server.state("47", job)).isEqualTo("Done");
            screenshot("active-jobs");

            new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(
                    org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                        d.findElement(row).findElement(By.linkText("Watched")).click();
                        return true;
                    });
            waitFor(By.cssSelector("#live .log"));
            assertThat(textOf(By.id("job-state"))).contains("Done");
            assertThat(textOf(By.cssSelector("#live .log"))).contains("Publish");
            screenshot("job-detail");
        }
    }

    @Test
    void pausingAndResumingAScheduleOnThePageIsWhatGetScheduledJobsReports() throws Exception {
        try (TestServer server = TestServer.start()) {
            SoapResponse submitted = server.call("submitJob", "submitJob/scheduled.xml",
                    Map.of("company", "47", "name", "Nightly", "schedule", "00 00 00 * * "));
            String job = submitted.xpath("//ips:submitJobReturn/ips:jobHandle");
            open(server, "/dashboard/schedules");
            By row = By.cssSelector("#schedules-table tr[data-handle*='Nightly']");
            waitFor(row);

            browser.findElement(row).findElement(By.cssSelector("button.act-pause")).click();
            waitFor(By.cssSelector("p.msg"));
            assertThat(trigger(server, job)).isEqualTo("Paused");
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#schedules-table tr[data-handle*='Nightly'] .trigger"), "Paused"));
            screenshot("schedules");

            browser.findElement(row).findElement(By.cssSelector("button.act-resume")).click();
            waitFor(By.cssSelector("p.msg"));
            assertThat(trigger(server, job)).isEqualTo("Normal");
        }
    }

    @Test
    void advancingTheClockOnThePageFiresTheSchedule() throws Exception {
        try (TestServer server = TestServer.start()) {
            open(server, "/dashboard/controls");
            WebElement at = browser.findElement(By.name("at"));
            at.clear();
            at.sendKeys("2030-01-01T12:00:00Z");
            at.submit();
            waitFor(By.cssSelector("p.msg"));
            assertThat(browser.findElement(By.id("clock-state")).getText()).contains("2030-01-01 12:00:00");
            server.call("submitJob", "submitJob/scheduled.xml",
                    Map.of("company", "47", "name", "Nightly", "schedule", "00 00 00 * * "));

            WebElement by = browser.findElement(By.id("advance-by"));
            by.clear();
            by.sendKeys("P1D");
            browser.findElement(By.id("advance")).click();
            waitFor(By.cssSelector("p.msg"));

            assertThat(browser.findElement(By.cssSelector("p.msg")).getText()).contains("2030-01-02T12:00:00Z");
            SoapResponse logs = server.call("getJobLogs", "logs/getJobLogs.xml", Map.of("company", "47"));
            assertThat(logs.xpathAll("//ips:jobLogArray/ips:items/ips:startDate"))
                    .containsExactly("2030-01-02T00:00:00.000Z");
            screenshot("controls");
            open(server, "/dashboard/logs?company=47");
            assertThat(browser.findElement(By.id("logs-table")).getText()).contains("Nightly").contains("succeeded");
            screenshot("job-logs");
        }
    }

    @Test
    void aFaultRuleAddedOnThePageFailsTheNextJob() throws Exception {
        try (TestServer server = TestServer.start()) {
            open(server, "/dashboard/controls");
            WebElement form = browser.findElement(By.id("add-rule"));
            form.findElement(By.name("jobName")).sendKeys("Doomed");
            new Select(form.findElement(By.name("effect"))).selectByValue("failAtItem");
            form.findElement(By.name("value")).sendKeys("2");
            form.findElement(By.name("reason")).sendKeys("disk on fire");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            waitFor(By.cssSelector("p.msg"));
            assertThat(browser.findElement(By.id("rules-table")).getText()).contains("jobName=Doomed")
                    .contains("fail item 2: disk on fire");

            String job = server.submitPublish("47", "Doomed");
            server.awaitState("47", job, "Done");

            SoapResponse log = server.logDetails("47", job);
            assertThat(log.xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount")).isEqualTo("1");
            assertThat(log.xpathAll("//ips:detailArray/ips:items/ips:logMessage")).anyMatch(m -> m.contains("disk on fire"));
            String other = server.submitPublish("47", "Spared");
            server.awaitState("47", other, "Done");
            assertThat(server.logDetails("47", other).xpath("//ips:jobLogArray/ips:items/ips:fileErrorCount"))
                    .isEqualTo("0");

            open(server, "/dashboard/requests?operation=submitJob");
            waitFor(By.cssSelector("#live .journal li"));
            assertThat(textOf(By.id("live"))).contains("submitJob");
            String request = new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(
                    org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                        d.findElement(By.cssSelector("#live .journal li summary")).click();
                        return d.findElement(By.cssSelector("#live .journal li pre.xml")).getText();
                    });
            assertThat(request).contains("<submitJobParam").contains("<password>***</password>")
                    .doesNotContain(TestServer.ADMIN_PASSWORD);
            screenshot("requests");
        }
    }

    @Test
    void onAPhoneSizedScreenThePageDoesNotScrollSideways() throws Exception {
        try (TestServer server = TestServer.start()) {
            String job = server.submitPublish("47", "A rather long job name that a narrow screen has to wrap");
            server.awaitState("47", job, "Done");
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            try {
                for (String page : List.of("/dashboard/", "/dashboard/schedules", "/dashboard/logs", "/dashboard/controls")) {
                    open(server, page);
                    Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                            "return document.documentElement.scrollWidth - window.innerWidth;");
                    assertThat(((Number) overflow).intValue()).as(page + " overflows by so many pixels").isLessThanOrEqualTo(0);
                }
                open(server, "/dashboard/");
                screenshot("phone-active-jobs");
            } finally {
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            }
        }
    }

    private static String trigger(TestServer server, String job) {
        return server.call("getScheduledJobs", "getScheduledJobs/by-handle.xml", Map.of("company", "47", "handle", job))
                .xpath("//ips:items/ips:triggerState");
    }

    private static void open(TestServer server, String path) {
        browser.get(server.server.endpoint().resolve(path).toString());
    }

    /** The element's text, read again when the live block replaced it while it was being read. */
    private static String textOf(By what) {
        return new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(
                org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElement(what).getText());
    }

    private static void waitFor(By what) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(what));
    }

    private static void screenshot(String name) throws IOException {
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
