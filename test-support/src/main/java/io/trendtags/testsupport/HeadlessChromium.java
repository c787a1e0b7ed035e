package io.trendtags.testsupport;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (packages chromium and chromium-driver,
 * which .ci/run installs): the browser of every UI test. Selenium is an optional dependency of this
 * module, so a module that uses this class declares selenium-java itself.
 */
public final class HeadlessChromium {

  private HeadlessChromium() {}

  /**
   * A new browser with its own profile in {@code profile}, a 1100x900 window, English UI, and the browser
   * console kept (to check that nothing was blocked by the Content-Security-Policy or failed to load).
   * The background-networking flags keep it from calling Google's hosts, which this machine cannot reach.
   */
  public static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1100,900", "--lang=en-US");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }
}
