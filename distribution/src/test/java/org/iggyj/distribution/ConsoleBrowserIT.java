package org.iggyj.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.exception.IggyAuthorizationException;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.partition.Partition;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.iggyj.kernel.it.SdkLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: the unpacked distribution runs as a process on loopback ports,
 * headless Chromium opens {@code /ui} on its HTTP port, and the ordered steps below share one browser
 * session (one start of each, to keep CI time small). The official Java SDK plays the consumer whose
 * polling lowers a group's lag. Each step saves a screenshot under
 * {@code target/console-screenshots/}.
 *
 * <p>Skipped, with the reason, only when no Chromium or chromedriver is installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PAYLOAD = "{\"order\":42,\"item\":\"book\"}";

    private Path tempDir;
    private DistributionProcess server;
    private HeadlessChromium browser;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        Optional<String> missing = HeadlessChromium.unavailable();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "browser tests skipped: " + missing.orElse(""));
        tempDir = Files.createTempDirectory("console-it");
        server = DistributionProcess.copyInto(tempDir);
        // small segments, so that a topic holds several and the console can delete the oldest
        server.putEnv("IGGY_SYSTEM_SEGMENT_SIZE", "64 KiB");
        server.start();
        assertTrue(server.await(server::httpAccepts, DistributionProcess.STARTUP), server::logOrError);
        assertTrue(server.await(server::tcpAccepts, Duration.ofSeconds(30)), server::logOrError);
        browser = HeadlessChromium.start(tempDir.resolve("chromium-profile"),
                Path.of("target", "console-screenshots"));
        driver = browser.driver();
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowTheServersErrorForAWrongPassword() throws IOException {
        driver.get(baseUrl() + "/ui");
        // Reported, never asserted (timing depends on the machine): how soon the login page was usable.
        Object timing = driver.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + "return `domContentLoaded ${Math.round(n.domContentLoadedEventEnd)} ms, "
                + "load ${Math.round(n.loadEventEnd)} ms, ${performance.getEntriesByType('resource').length} resources`;");
        System.out.println("console first render: " + timing);
        logIn("iggy", "not-the-password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        wait.until(d -> !error.getText().isBlank());
        assertTrue(error.getText().contains("invalid_credentials"), error.getText());
        browser.screenshot("login-error");
    }

    @Test
    @Order(2)
    void shouldLogInAndShowTheOverview() throws Exception {
        try (IggyTcpClient sdk = sdk()) {
            sdk.streams().createStream("warmup");
        }
        logIn("iggy", "iggy");
        waitForTitle("Overview");
        WebElement stats = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#stats dl")));
        assertTrue(stats.getText().contains("Streams"), stats.getText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "iggy-node"));
        assertEquals("iggy", driver.findElement(By.id("who-name")).getText());
    }

    @Test
    @Order(3)
    void shouldCreateAStreamAndATopic() throws IOException {
        go("#/streams", "Streams");
        type(By.cssSelector("form[aria-label='Create stream'] input"), "orders");
        driver.findElement(By.cssSelector("form[aria-label='Create stream'] button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("orders")));
        browser.screenshot("streams");
        driver.findElement(By.linkText("orders")).click();
        waitForTitle("Stream orders");
        WebElement form = driver.findElement(By.cssSelector("form[aria-label='Create topic']"));
        type(form.findElement(By.name("name")), "events");
        type(form.findElement(By.name("partitions")), "3");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("events"))).click();
        waitForTitle("Topic events");
        wait.until(d -> d.findElements(By.cssSelector("table tbody tr")).size() >= 3);
        browser.screenshot("topic");
    }

    @Test
    @Order(4)
    void shouldSendAMessageAndFindItAsTextJsonAndHex() throws IOException {
        driver.findElement(By.linkText("Browse messages")).click();
        waitForTitle("Messages of events");
        new Select(driver.findElement(By.id("send-partitioning"))).selectByValue("partition_id");
        new Select(driver.findElement(By.id("send-partition"))).selectByValue("1");
        type(By.id("send-payload"), PAYLOAD);
        type(By.id("send-headers"), "source: browser");
        driver.findElement(By.id("send-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Message sent"));

        new Select(driver.findElement(By.id("browse-partition"))).selectByValue("1");
        new Select(driver.findElement(By.id("browse-strategy"))).selectByValue("first");
        driver.findElement(By.id("browse-submit")).click();
        WebElement payload = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".payload")));
        assertEquals(PAYLOAD, payload.getText());
        assertTrue(text(".message").contains("source"), "header key shown");
        assertTrue(text(".message").contains("browser"), "header value shown");

        driver.findElement(By.cssSelector("input[name=view][value=json]")).click();
        wait.until(d -> d.findElement(By.cssSelector(".payload")).getText().contains("\"order\": 42"));
        browser.screenshot("messages-json");
        driver.findElement(By.cssSelector("input[name=view][value=hex]")).click();
        // {"order" in hex, then the printable column
        wait.until(d -> d.findElement(By.cssSelector(".payload")).getText().startsWith("00000000  7b 22 6f 72 64 65 72 22"));
        browser.screenshot("messages-hex");
    }

    @Test
    @Order(5)
    void shouldShowAConsumerGroupsLagFallAfterItsConsumerPolls() throws IOException {
        try (IggyTcpClient producer = sdk()) {
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                batch.add(Message.of("sdk-" + i));
            }
            producer.messages().sendMessages(StreamId.of(1L), TopicId.of(0L), Partitioning.partitionId(0L), batch);
        }
        go("#/streams/1/topics/0/groups", "Consumer groups of events");
        type(By.id("group-name"), "billing");
        driver.findElement(By.cssSelector("form[aria-label='Create consumer group'] button")).click();
        By totalLag = By.cssSelector(".total-lag[data-group=billing]");
        wait.until(ExpectedConditions.textToBe(totalLag, "10"));
        browser.screenshot("groups-before");

        try (IggyTcpClient consumer = SdkLogin.loginSingleConnection(server.tcpPort(), "iggy", "iggy")) {
            consumer.consumerGroups().joinConsumerGroup(1L, 0L, 0L);
            long polled = 0;
            for (int round = 0; round < 20 && polled < 10; round++) {
                polled += consumer.messages().pollMessages(StreamId.of(1L), TopicId.of(0L), Optional.empty(),
                        Consumer.group(0L), PollingStrategy.next(), 10L, true).messages().size();
            }
            assertEquals(10, polled, "the one member owns all three partitions");
            wait.until(ExpectedConditions.textToBe(totalLag, "0"));
            assertTrue(text("main").contains("0, 1, 2"), "the member's partitions are listed");
            browser.screenshot("groups-after");
        }
    }

    @Test
    @Order(6)
    void shouldManageUsersAndLogInWithAPersonalAccessToken() throws IOException {
        go("#/users", "Users");
        type(By.id("new-username"), "viewer");
        type(By.id("new-password"), "viewer-pass");
        driver.findElement(By.cssSelector("form[aria-label='Create user'] button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("viewer")));
        browser.screenshot("users");
        driver.findElement(By.linkText("iggy")).click();
        waitForTitle("User iggy");
        browser.screenshot("user-iggy");

        go("#/tokens", "Personal access tokens");
        type(By.id("token-name"), "console-it");
        driver.findElement(By.cssSelector("form[aria-label='Create token'] button")).click();
        String token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token"))).getAttribute("value");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//th[.='console-it']")));
        browser.screenshot("tokens");

        logOut();
        driver.findElement(By.cssSelector("input[name=method][value=token]")).click();
        type(By.id("pat"), token);
        driver.findElement(By.id("login-submit")).click();
        // after a login the console stays on the page the address names
        waitForTitle("Personal access tokens");
        wait.until(ExpectedConditions.textToBe(By.id("who-name"), "iggy"));
    }

    @Test
    @Order(7)
    void shouldShowTheServersRefusalToAUserWithoutPermissions() throws IOException {
        logOut();
        driver.findElement(By.cssSelector("input[name=method][value=password]")).click();
        logIn("viewer", "viewer-pass");
        wait.until(ExpectedConditions.textToBe(By.id("who-name"), "viewer"));
        go("#/overview", "Overview");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "you do not have permission"));
        go("#/streams", "Streams");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".page .error")));
        assertTrue(error.getText().contains("unauthorized"), error.getText());
        type(By.cssSelector("form[aria-label='Create stream'] input"), "not-allowed");
        driver.findElement(By.cssSelector("form[aria-label='Create stream'] button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "you do not have permission"));
        browser.screenshot("refused");
        logOut();
        logIn("iggy", "iggy");
        wait.until(ExpectedConditions.textToBe(By.id("who-name"), "iggy"));
    }

    @Test
    @Order(8)
    void shouldGrantAndRevokeATopicLevelPermission() throws IOException {
        go("#/users", "Users");
        driver.findElement(By.linkText("viewer")).click();
        waitForTitle("User viewer");
        new Select(driver.findElement(By.id("perm-stream"))).selectByValue("1");
        driver.findElement(By.xpath("//button[.='Add stream permissions']")).click();
        By topicChoice = By.cssSelector("fieldset[data-stream='1'] select.perm-topic option[value='0']");
        wait.until(ExpectedConditions.presenceOfElementLocated(topicChoice));
        new Select(driver.findElement(By.cssSelector("fieldset[data-stream='1'] select.perm-topic"))).selectByValue("0");
        driver.findElement(By.cssSelector("button[aria-label='Add topic permissions in stream orders']")).click();
        driver.findElement(By.name("topic.1.0.poll_messages")).click();
        assertTrue(text("fieldset[data-topic='0'] legend").contains("events"), text("fieldset[data-topic='0'] legend"));
        driver.executeScript("document.querySelector('.perm-row').scrollIntoView(); document.activeElement.blur();");
        browser.screenshot("user-permissions");
        savePermissions();

        // The server itself now lets the viewer poll that one topic, and still refuses it sending there.
        try (IggyTcpClient viewer = sdk("viewer", "viewer-pass")) {
            wait.until(d -> pollsEvents(viewer));
            assertThrows(IggyAuthorizationException.class, () -> viewer.messages().sendMessages(StreamId.of(1L),
                    TopicId.of(0L), Partitioning.partitionId(0L), List.of(Message.of("not allowed"))));

            // The saved entry comes back in the editor, and removing it takes the permission away.
            go("#/users", "Users");
            driver.findElement(By.linkText("viewer")).click();
            waitForTitle("User viewer");
            WebElement poll = wait.until(ExpectedConditions.presenceOfElementLocated(By.name("topic.1.0.poll_messages")));
            assertTrue(poll.isSelected(), "the stored topic-level permission is shown");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("fieldset[data-topic='0'] legend"), "events"));
            driver.findElement(By.cssSelector("button[aria-label='Remove permissions for topic events of stream orders']")).click();
            assertTrue(driver.findElements(By.name("topic.1.0.poll_messages")).isEmpty());
            savePermissions();
            wait.until(d -> !pollsEvents(viewer));
        }
    }

    @Test
    @Order(9)
    void shouldChartTheMessageRateWhileAProducerSends() throws Exception {
        go("#/overview", "Overview");
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.CompletableFuture<Void> producer = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (IggyTcpClient sdk = sdk()) {
                for (int round = 0; sending.get() && round < 400; round++) {
                    List<Message> batch = new ArrayList<>();
                    for (int i = 0; i < 50 + 40 * (round % 4); i++) {
                        batch.add(Message.of("tick-" + round + "-" + i + "-".repeat(200)));
                    }
                    sdk.messages().sendMessages(StreamId.of(1L), TopicId.of(0L), Partitioning.balanced(), batch);
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException("producer failed", e);
            }
        });
        try {
            wait.until(d -> d.findElements(By.cssSelector(".chart path.line[d^='M']")).size() == 2
                    && !d.findElement(By.id("rate-now")).getText().startsWith("0 ")
                    && !d.findElement(By.id("rate-now")).getText().equals("–"));
            String rate = driver.findElement(By.cssSelector(".chart")).getAttribute("aria-label");
            assertTrue(rate.startsWith("Message rate: now"), rate);
            assertTrue(!rate.contains("peak 1/s"), "the peak reflects the producer's messages: " + rate);
            new Select(driver.findElement(By.id("chart-window"))).selectByValue("1");
            driver.executeScript("document.activeElement.blur();");
            Thread.sleep(4000); // two more samples, so the screenshot shows a curve rather than a spike
            assertTrue(driver.findElement(By.cssSelector(".chart")).getAttribute("aria-label")
                    .contains("over the last 1 minute"));
            browser.screenshot("overview");
        } finally {
            sending.set(false);
            producer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(10)
    void shouldDeleteTheOldestSegmentsAfterConfirmation() throws IOException {
        try (IggyTcpClient sdk = sdk()) {
            sdk.topics().createTopic(1L, 1L, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
                    Optional.empty(), "archive");
            for (int round = 0; round < 4; round++) { // each batch fills more than one 64 KiB segment
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(Message.of("archived-" + round + "-" + i + "-".repeat(700)));
                }
                sdk.messages().sendMessages(StreamId.of(1L), TopicId.of(1L), Partitioning.partitionId(0L), batch);
            }
            Partition before = sdk.topics().getTopic(1L, 1L).orElseThrow().partitions().get(0);
            assertTrue(before.segmentsCount() >= 3, "several segments to delete from: " + before);

            go("#/streams/1/topics/1", "Topic archive");
            new Select(driver.findElement(By.id("segments-partition"))).selectByValue("0");
            type(By.id("segments-count"), "2");
            driver.findElement(By.cssSelector("form[aria-label='Delete segments'] button[type=submit]")).click();
            WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
            assertTrue(dialog.getText().contains("oldest segments of partition 0"), dialog.getText());
            browser.screenshot("confirm-delete-segments");
            driver.findElement(By.id("confirm-ok")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Segments deleted"));

            Partition after = sdk.topics().getTopic(1L, 1L).orElseThrow().partitions().get(0);
            assertEquals(before.segmentsCount() - 2, after.segmentsCount(), "two segments fewer: " + after);
            assertTrue(after.messagesCount().compareTo(before.messagesCount()) < 0, "their messages are gone: " + after);
            By segmentsCell = By.xpath("//table[caption='Partitions']/tbody/tr[1]/td[4]");
            wait.until(ExpectedConditions.textToBe(segmentsCell, String.valueOf(after.segmentsCount())));
            browser.screenshot("topic-segments-deleted");
        }
    }

    @Test
    @Order(11)
    void shouldDeleteTheTopicAfterConfirmation() throws IOException {
        go("#/streams/1", "Stream orders");
        driver.findElement(By.cssSelector("button[aria-label='Delete topic events']")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertTrue(dialog.getText().contains("Delete topic “events”"), dialog.getText());
        browser.screenshot("confirm-delete");
        driver.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText("events")));
        assertTrue(driver.findElements(By.linkText("archive")).size() == 1, "the other topic stays: " + text("main"));
        // the page of a topic that is gone shows the server's reason
        go("#/streams/1/topics/events", "Topic events");
        WebElement gone = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.error[role=alert]")));
        assertTrue(gone.getText().contains("not_found"), gone.getText());
    }

    @Test
    @Order(12)
    void shouldFitAPhoneScreen() throws IOException {
        browser.windowSize(390, 844);
        go("#/overview", "Overview");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#stats dl")));
        browser.screenshot("phone-overview");
        go("#/streams", "Streams");
        Long overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling of the page at phone width");
        // the title is set before the list arrives
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("orders"))).click();
        waitForTitle("Stream orders");
        overflow = (Long) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling of the stream page at phone width");
        browser.screenshot("phone-streams");
        browser.windowSize(1280, 900);
    }

    private void logIn(String username, String password) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        type(user, username);
        type(By.id("password"), password);
        driver.findElement(By.id("login-submit")).click();
    }

    private void logOut() {
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    }

    private void go(String hash, String title) {
        driver.get(baseUrl() + "/ui/" + hash);
        waitForTitle(title);
    }

    private void waitForTitle(String title) {
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), title));
    }

    private void type(By locator, String value) {
        type(driver.findElement(locator), value);
    }

    private static void type(WebElement element, String value) {
        element.clear();
        element.sendKeys(value);
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private void savePermissions() {
        WebElement save = driver.findElement(By.cssSelector("form[aria-label='Permissions'] button[type=submit]"));
        save.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "Permissions saved"));
    }

    /** @return whether the viewer may poll the events topic (the server refuses it otherwise) */
    private static boolean pollsEvents(IggyTcpClient viewer) {
        try {
            viewer.messages().pollMessages(StreamId.of(1L), TopicId.of(0L), Optional.of(1L), Consumer.of(9L),
                    PollingStrategy.first(), 1L, false);
            return true;
        } catch (IggyAuthorizationException refused) {
            return false;
        }
    }

    private IggyTcpClient sdk() {
        return sdk("iggy", "iggy");
    }

    private IggyTcpClient sdk(String username, String password) {
        return SdkLogin.login(server.tcpPort(), username, password);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.httpPort();
    }
}
