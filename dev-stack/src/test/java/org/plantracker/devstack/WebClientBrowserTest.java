package org.plantracker.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web client in a real browser (Debian's Chromium, driven through its chromedriver) against the
 * dev stack with the Jixi plan loaded, through the gateway that serves it: 密山市关工委 logs in, sees
 * its county view and reports on task 7 (field errors first, from the form and from the server's
 * problem details, then a draft that survives a reload, and a photo as its evidence, a text file refused);
 * the city committee sees the light on the municipal dashboard, reviews the report (with its evidence) as the task's lead
 * unit, downloads the task's evidence package, and its inbox updates live when another report arrives; it subscribes a webhook. Desktop and phone widths; screenshots in target/screenshots/.
 * Without Chromium and chromedriver this test fails (it never skips).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String MISHAN = "jixi-mishan";
    private static final Dimension DESKTOP = new Dimension(1440, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    /** A message key shown instead of its text, e.g. "dashboard.title". */
    private static final Pattern RAW_KEY = Pattern.compile("\\b(app|common|roles|menu|login|lights|status|dashboard|county|tasks|task|report|inbox|import|subs|events|lead|fields|evidence)\\.[a-zA-Z]+\\b");

    @TempDir
    static Path work;
    private static DevStack stack;
    private static WebDriver browser;
    private static String planId;
    private static String task7;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void startTheStackAndTheBrowser() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        // the browser first: without one there is nothing to test, and the stack need not start
        browser = startChromium();
        stack = DevStack.startOnFreePorts(RepoRoot.path(), work, "browser", true);
        planId = stack.importResult().path("planId").asText();
        String committee = stack.login(DevStack.CITY_COMMITTEE);
        JsonNode tasks = get("/api/tasks?planId=" + planId, committee);
        for (JsonNode task : tasks) {
            if (task.path("number").asInt() == 7) {
                task7 = task.path("taskId").asText();
            }
        }
        assertThat(task7).as("task 7 of the Jixi plan").isNotNull();
        // progress-service learns the assignments from Kafka a moment after the import
        awaitJson("/api/views/county/" + MISHAN + "?planId=" + planId, stack.login(MISHAN),
                view -> view.path("rows").toString().contains(task7));
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aCountyCommitteeLogsInAndSeesItsUnitRoleAndCountyView() {
        browser.manage().window().setSize(DESKTOP);
        open("/");
        WebElement username = await(By.cssSelector("input[data-test=username]"));
        screenshot("desktop-login");
        // the form refuses empty fields beside each field, in Chinese
        click(By.cssSelector("[data-test=login-submit]"));
        await(By.xpath("//*[contains(@class,'el-form-item__error') and contains(., '请输入账号')]"));

        username.sendKeys(MISHAN);
        browser.findElement(By.cssSelector("input[data-test=password]")).sendKeys("demo12345");
        click(By.cssSelector("[data-test=login-submit]"));

        await(By.cssSelector("[data-test=county-view]"));
        assertThat(text(By.cssSelector("[data-test=unit-name]"))).isEqualTo("密山市关工委");
        assertThat(text(By.cssSelector("[data-test=role]"))).isEqualTo("县级关工委");
        await(By.cssSelector("[data-test=report-7]"));
        assertThat(browser.findElements(By.cssSelector("[data-test=menu-dashboard]")))
                .as("only the city committee has the municipal dashboard").isEmpty();
        assertReadableChinese();
        screenshot("desktop-county");
    }

    @Test
    @Order(2)
    void theCountyReportsOnTask7WithFieldErrorsFirstAndADraftThatSurvivesAReloadAndAttachesAPhoto() throws IOException {
        Path photo = work.resolve("活动照片.png");
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xC8102E);
        ImageIO.write(image, "png", photo.toFile());
        Path notEvidence = Files.writeString(work.resolve("说明.txt"), "这不是佐证材料", StandardCharsets.UTF_8);
        click(By.cssSelector("[data-test=report-7]"));
        await(By.cssSelector("[data-test=report-form]"));
        WebElement period = await(By.cssSelector("input[data-test=field-period]"));
        period.sendKeys("2022-Q5");
        click(By.cssSelector("[data-test=report-submit]"));
        await(By.xpath("//*[contains(@class,'el-form-item__error') and contains(., '2022-Q2')]"));
        await(By.xpath("//*[contains(@class,'el-form-item__error') and contains(., '请选择进展状态')]"));
        await(By.xpath("//*[contains(@class,'el-form-item__error') and contains(., '请填写工作进展')]"));
        screenshot("desktop-report-errors");

        // select and type over (WebElement.clear() sends no input event, so the form would not see it)
        period.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "2022-Q2");
        click(By.cssSelector("[data-test=status-ON_TRACK]"));
        browser.findElement(By.cssSelector("textarea[data-test=field-narrative]"))
                .sendKeys("密山市组织“五老”开展法治宣讲进校园，覆盖全市中小学。");

        // what only the server checks comes back as problem details and is shown beside its field
        click(By.cssSelector("[data-test=add-problem]"));
        await(By.cssSelector("input[data-test=problem-0]")).sendKeys("问".repeat(2001));
        click(By.cssSelector("[data-test=report-submit]"));
        await(By.xpath("//*[contains(@class,'field-error') and contains(., '不能超过 2000 个字')]"));
        assertThat(text(By.cssSelector("[data-test=report-failure]"))).isEqualTo("请按提示修改后再提交");
        click(By.cssSelector("[data-test=remove-problem-0]"));

        // the draft is kept on the device: a reload brings it back
        browser.navigate().refresh();
        await(By.xpath("//*[contains(@class,'el-alert') and contains(., '已恢复未提交的草稿')]"));
        assertThat(await(By.cssSelector("input[data-test=field-period]")).getDomProperty("value")).isEqualTo("2022-Q2");
        assertThat(browser.findElement(By.cssSelector("textarea[data-test=field-narrative]")).getDomProperty("value"))
                .contains("法治宣讲进校园");
        browser.manage().window().setSize(PHONE);
        screenshot("phone-report");
        assertFitsTheScreen();
        browser.manage().window().setSize(DESKTOP);

        // a photo chosen on the form goes to the report as its evidence once the report is accepted
        WebElement evidence = browser.findElement(By.cssSelector("input[data-test=field-evidence]"));
        evidence.sendKeys(photo.toString());
        assertThat(text(By.cssSelector("[data-test=pending-evidence]"))).contains("活动照片.png");

        click(By.cssSelector("[data-test=report-submit]"));
        await(By.cssSelector("[data-test=county-view]"));
        awaitLight(By.cssSelector("[data-test=county-light-7]"), "GREEN");
        assertThat(text(By.cssSelector("[data-test=county-rows]"))).contains("2022-Q2", "按计划推进");
        assertThat((String) js("return localStorage.getItem('pt.draft.jixi-mishan." + task7 + "')"))
                .as("the draft is gone once the report is accepted").isNull();

        browser.manage().window().setSize(PHONE);
        screenshot("phone-county");
        assertFitsTheScreen();
        browser.manage().window().setSize(DESKTOP);

        // back on the form, the report is listed with its photo: name, size, detected type, uploader
        click(By.cssSelector("[data-test=report-7]"));
        WebElement listed = await(By.xpath("//*[@data-test='my-reports']//*[@data-test='evidence-file' and .='活动照片.png']"));
        String row = listed.findElement(By.xpath("ancestor::tr")).getText();
        assertThat(row).contains("image/png", "密山市关工委", Files.size(photo) + " B");
        // a text file is not evidence: refused by its content, named beside the upload in Chinese
        browser.findElement(By.cssSelector("[data-test=my-reports] input[type=file]")).sendKeys(notEvidence.toString());
        assertThat(text(By.cssSelector("[data-test=my-reports] [role=alert]")))
                .isEqualTo("“说明.txt”的文件类型不允许上传（仅限 PDF、图片、Word、Excel 和 WPS 文档），未上传。");
        assertThat(browser.findElements(By.xpath("//*[@data-test='my-reports']//*[@data-test='evidence-file']")))
                .as("the refused file is not listed").hasSize(1);
        assertReadableChinese();
        js("document.querySelector('[data-test=my-reports]').scrollIntoView()");
        screenshot("desktop-report-evidence");
    }

    @Test
    @Order(3)
    void theCityCommitteeSeesTheGreenLightReviewsWithTheEvidenceAndDownloadsTheEvidencePackage() throws IOException {
        click(By.cssSelector("[data-test=logout]"));
        await(By.cssSelector("input[data-test=username]")).sendKeys(DevStack.CITY_COMMITTEE);
        browser.findElement(By.cssSelector("input[data-test=password]")).sendKeys("demo12345");
        click(By.cssSelector("[data-test=login-submit]"));

        await(By.cssSelector("[data-test=dashboard]"));
        assertThat(text(By.cssSelector("[data-test=unit-name]"))).isEqualTo("市关工委");
        assertThat(text(By.cssSelector("[data-test=role]"))).isEqualTo("市关工委（督导）");
        WebElement light = awaitLight(By.cssSelector("[data-test=light-7-" + MISHAN + "]"), "GREEN");
        assertThat(light.getText()).isEqualTo("绿灯");
        // the chart of lights by section is drawn
        await(By.cssSelector("[data-test=chart-sections] canvas"));
        // and the reports over time: 密山's report is counted in this month
        await(By.cssSelector("[data-test=chart-reports-over-time] canvas"));
        assertThat(Integer.parseInt(text(By.cssSelector("[data-test=count-GREEN]")))).isGreaterThanOrEqualTo(1);
        assertReadableChinese();
        await(By.cssSelector("[data-test=overdue-list]"));
        screenshot("desktop-dashboard");

        browser.manage().window().setSize(PHONE);
        screenshot("phone-dashboard");
        assertFitsTheScreen();
        browser.manage().window().setSize(DESKTOP);

        // English is a switch away, and the switch back restores Chinese
        click(By.cssSelector("[data-test=lang-switch]"));
        assertThat(text(By.cssSelector("[data-test=logout]"))).isEqualTo("Log out");
        assertThat(text(By.cssSelector("[data-test=menu-dashboard]"))).isEqualTo("City dashboard");
        assertThat(awaitLight(By.cssSelector("[data-test=light-7-" + MISHAN + "]"), "GREEN").getText()).isEqualTo("Green");
        click(By.cssSelector("[data-test=lang-switch]"));
        assertThat(text(By.cssSelector("[data-test=logout]"))).isEqualTo("退出登录");

        // as task 7's lead unit, the city committee reviews 密山's report: a return needs a reason, then it accepts
        click(By.cssSelector("[data-test=menu-lead]"));
        await(By.cssSelector("[data-test=lead-view]"));
        click(By.cssSelector("[data-test=review-7-" + MISHAN + "]"));
        await(By.xpath("//*[@data-test='review-dialog']//*[contains(., '法治宣讲进校园')]"));
        // the reviewer sees the report's evidence beside it
        await(By.xpath("//*[@data-test='review-dialog']//*[@data-test='evidence-file' and .='活动照片.png']"));
        click(By.cssSelector("[data-test=review-return]"));
        await(By.xpath("//*[contains(@class,'el-form-item__error') and contains(., '退回时请写明理由')]"));
        screenshot("desktop-review");
        click(By.cssSelector("[data-test=review-accept]"));
        await(By.xpath("//*[contains(@class,'el-message') and contains(., '已通过')]"));
        click(By.cssSelector("[data-test=menu-dashboard]"));
        await(By.cssSelector("[data-test=dashboard]"));

        // the task page: text, units, and each unit's share with its light
        click(By.xpath("//a[contains(@href, '/tasks/" + task7 + "')]"));
        await(By.cssSelector("[data-test=task-page]"));
        assertThat(text(By.cssSelector("[data-test=task-title]"))).startsWith("7.");
        assertThat(text(By.cssSelector("[data-test=task-shares]"))).contains("密山市关工委", "法治宣讲进校园");
        // the audit trail, newest first, in words: 密山's report is in it
        assertThat(text(By.cssSelector("[data-test=task-history]"))).contains("报送进展 · 密山市关工委");
        assertReadableChinese();
        screenshot("desktop-task");

        // the city committee downloads the task's evidence package: 密山's photo and the manifest in one .zip
        click(By.cssSelector("[data-test=evidence-package]"));
        Path zip = awaitDownload(".zip");
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(entry.getName());
            }
        }
        assertThat(entries).contains("manifest.csv").anyMatch(name -> name.endsWith("/活动照片.png"));
    }

    @Test
    @Order(4)
    void theLeadUnitsInboxUpdatesLiveWhenAnotherReportArrives() throws Exception {
        click(By.cssSelector("[data-test=menu-inbox]"));
        await(By.cssSelector("[data-test=inbox]"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(
                By.cssSelector("[data-test=live-state]"), "实时连接"));
        int before = browser.findElements(By.cssSelector("[data-test=notification]")).size();

        // 密山 reports again (through the API): the city committee, task 7's lead unit, hears of it without a reload
        String mishan = stack.login(MISHAN);
        HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/tasks/" + task7 + "/reports"))
                .header("Authorization", "Bearer " + mishan).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "period", "2022-Q3", "status", "AT_RISK", "narrative", "第三季度农村学校覆盖不足，需协调。"))))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(201);

        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                d.findElements(By.cssSelector("[data-test=notification]")).size() > before
                        && d.findElement(By.cssSelector("[data-test=inbox]")).getText().contains("2022-Q3"));
        assertThat(text(By.cssSelector("[data-test=unread-badge]"))).matches("\\d+\\+?");
        assertReadableChinese();
        screenshot("desktop-inbox");
        browser.manage().window().setSize(PHONE);
        screenshot("phone-inbox");
        assertFitsTheScreen();
        browser.manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(5)
    void theCityCommitteeSubscribesAWebhookAndSeesItsSecretOnce() {
        click(By.cssSelector("[data-test=menu-subscriptions]"));
        await(By.cssSelector("[data-test=subscriptions]"));
        // the server refuses what is not a URL, beside the field
        await(By.cssSelector("input[data-test=sub-url]")).sendKeys("不是网址");
        click(By.cssSelector("[data-test=sub-create]"));
        await(By.cssSelector(".el-form-item.is-error input[data-test=sub-url]"));

        WebElement url = browser.findElement(By.cssSelector("input[data-test=sub-url]"));
        url.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "http://127.0.0.1:9/plan-tracker/hooks");
        browser.findElement(By.cssSelector("input[data-test=sub-description]")).sendKeys("市关工委台账系统");
        click(By.cssSelector("[data-test=sub-create]"));
        assertThat(text(By.cssSelector("[data-test=sub-secret]"))).contains("whsec_");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
                d.findElement(By.cssSelector("[data-test=sub-list]")).getText().contains("127.0.0.1:9/plan-tracker/hooks"));
        assertThat(text(By.cssSelector("[data-test=sub-status]"))).isEqualTo("启用");
        assertReadableChinese();
        screenshot("desktop-subscriptions");
        browser.manage().window().setSize(PHONE);
        screenshot("phone-subscriptions");
        assertFitsTheScreen();
        browser.manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(6)
    void theCityCommitteePreviewsAPlanDocumentBeforeImportingIt() throws Exception {
        click(By.cssSelector("[data-test=menu-import]"));
        await(By.cssSelector("[data-test=import]"));
        String plan = Files.readString(RepoRoot.path().resolve(DevStack.SEED_PLAN), StandardCharsets.UTF_8);
        WebElement area = await(By.cssSelector("textarea[data-test=import-text]"));
        // the document is long: put it in at once, as a paste does
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", area, plan);
        click(By.cssSelector("[data-test=import-preview]"));
        await(By.cssSelector("[data-test=import-preview-result]"));
        assertThat(text(By.cssSelector("[data-test=preview-sections]"))).isEqualTo("14");
        assertThat(text(By.cssSelector("[data-test=preview-tasks]"))).isEqualTo("30");
        assertThat(text(By.cssSelector("[data-test=preview-units]"))).isEqualTo("30");
        assertThat(text(By.cssSelector("[data-test=import-preview-result]")))
                .contains("该方案此前已导入", "“市文化广电和旅游局”按“市文体广电和旅游局”", "加强青少年法治教育和权益保护")
                .doesNotContain("read as");
        assertReadableChinese();
        screenshot("desktop-import-preview");
        browser.manage().window().setSize(PHONE);
        screenshot("phone-import-preview");
        assertFitsTheScreen();
        browser.manage().window().setSize(DESKTOP);
    }

    // ---- the browser ----

    private static WebDriver startChromium() {
        String binary = firstExisting(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        String driver = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (binary == null || driver == null) {
            fail("The browser tests need Chromium and its driver (found browser: " + binary + ", driver: " + driver
                    + "). Install them: apt-get install -y chromium chromium-driver (.ci/run does this), "
                    + "or point CHROME_BIN and CHROMEDRIVER at them.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        // downloads (the evidence package) land in a folder of this test, without asking
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads().toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=zh-CN", "--window-size=1440,900", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    private static Path downloads() {
        try {
            return Files.createDirectories(work.resolve("downloads")).toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file the browser finished downloading (Chromium writes *.crdownload until it is complete). */
    private static Path awaitDownload(String suffix) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads())) {
                Optional<Path> done = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
                if (done.isPresent()) {
                    return done.get();
                }
            }
            sleep(300);
        }
        screenshot("failed-download");
        return fail("no " + suffix + " downloaded in 60 s");
    }

    private static String firstExisting(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static void open(String path) {
        browser.get(stack.gatewayUrl() + path);
    }

    private static WebElement await(By by) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (RuntimeException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("not shown: " + by + " on " + browser.getCurrentUrl() + "\n"
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * The views follow the reports a moment later (through Kafka): the page's refresh button is
     * pressed until the light shows, as a user would.
     */
    private static WebElement awaitLight(By by, String light) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            WebElement element = await(by);
            if (light.equals(element.getDomAttribute("data-light"))) {
                return element;
            }
            if (System.nanoTime() > deadline) {
                screenshot("failed-light");
                fail("the light " + by + " is " + element.getDomAttribute("data-light") + ", not " + light);
            }
            click(By.cssSelector("[data-test=refresh]"));
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static String text(By by) {
        return await(by).getText().strip();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** No message key shown instead of its text, and the page is in Chinese. */
    private static void assertReadableChinese() {
        String body = browser.findElement(By.tagName("body")).getText();
        assertThat(RAW_KEY.matcher(body).find()).as("a message key is shown raw:\n%s", body).isFalse();
        assertThat(body).containsPattern("\\p{IsHan}");
    }

    /**
     * At phone width nothing is wider than the screen, neither the page nor its scrolling content
     * area: only wide tables (and the menu bar) scroll sideways inside themselves.
     */
    private static void assertFitsTheScreen() {
        sleep(300); // charts and tables lay themselves out again after the resize
        Number page = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(page.intValue()).as("the page is wider than the phone's screen by %s px", page).isLessThanOrEqualTo(1);
        Number content = (Number) js("const c = document.querySelector('main.content'); return c ? c.scrollWidth - c.clientWidth : 0");
        assertThat(content.intValue()).as("the content is wider than the phone's screen by %s px", content).isLessThanOrEqualTo(1);
    }

    private static void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    // ---- the API, to prepare and to wait ----

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private static void awaitJson(String path, String token, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.test(get(path, token))) {
                return;
            }
            Thread.sleep(300);
        }
        fail("not ready in 90 s: " + path);
    }
}
