using System.Diagnostics;
using SkiaSharp;

namespace NeedsAssessment.Tests.Report;

/// <summary>Opens the report in headless Chromium, as a reader's browser would, with every network name unresolvable.</summary>
public sealed class ReportBrowserTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public void Report_renders_in_chromium_with_content_no_console_errors_and_no_network_requests()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is needed to check the report renders but {ChromiumPath} is missing. Install it with: apt-get update && apt-get install -y chromium");
        var report = fixture.Report;
        var url = new Uri(report.HtmlPath).AbsoluteUri;
        var work = fixture.NewFolder();
        Directory.CreateDirectory(work);
        var png = Path.Combine(work, "report.png");

        // One browser start takes the screenshot and prints the DOM (a start costs a few seconds of CPU; it was two).
        var dom = RunChromium(work, $"--screenshot={png} --window-size=1280,2000 --dump-dom {url}");
        Assert.True(File.Exists(png), "Chromium wrote no screenshot. Its log:\n" + dom);

        using (var bitmap = SKBitmap.Decode(png))
        {
            Assert.NotNull(bitmap);
            long ink = 0;
            for (var y = 0; y < bitmap.Height; y += 2)
                for (var x = 0; x < bitmap.Width; x += 2)
                {
                    var c = bitmap.GetPixel(x, y);
                    if (c.Red < 200 || c.Green < 200 || c.Blue < 200) ink++;
                }
            var share = ink / (bitmap.Width * bitmap.Height / 4.0);
            Assert.True(share > 0.01, $"The screenshot is almost blank: {share:P2} of sampled pixels are not white.");
        }

        Assert.Contains("Key findings", dom, StringComparison.Ordinal);
        var lines = dom.Split('\n');
        // The page has no scripts, so any console message is a browser-reported error (a failed resource, a CSS problem).
        Assert.DoesNotContain(lines, l => l.Contains(":CONSOLE", StringComparison.Ordinal) && l.Contains(url, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("net::ERR_", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Failed to load resource", StringComparison.Ordinal));
    }

    private static string RunChromium(string work, string args)
    {
        var profile = Path.Combine(work, "profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(ChromiumPath,
            "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update " +
            "--disable-sync --disable-default-apps --hide-scrollbars --enable-logging=stderr --v=0 " +
            $"--host-resolver-rules=\"MAP * ~NOTFOUND\" --user-data-dir={profile} {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within two minutes.");
        }
        return stdout.Result + "\n" + stderr.Result;
    }
}
