package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromiumPath returns the headless browser, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()

	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}

	t.Skip("chromium is not installed: install the chromium package to run the browser test (.ci/run does)")

	return ""
}

// runChromium runs the browser headless over file with the extra flags,
// with no network and a profile of its own.
func runChromium(t *testing.T, browser, dir string, extra ...string) string {
	t.Helper()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + filepath.Join(dir, "profile")}, extra...)

	out, err := exec.CommandContext(ctx, browser, args...).Output()
	if err != nil {
		t.Fatalf("chromium %v: %v", extra, err)
	}

	return string(out)
}

// TestHTMLExportRunsNoScript exports an incident whose title and entries
// hold markup and scripts, opens the page in headless Chromium, and checks
// that nothing ran and the text shows as typed.
func TestHTMLExportRunsNoScript(t *testing.T) {
	browser := chromiumPath(t)
	env := newTestEnv(t)

	title := `<script>document.body.setAttribute('data-owned','script')</script><img src=x onerror="document.body.setAttribute('data-owned','img')">`
	env.mustRun("--as", "ST01", "incident", "new", "--ref", "X-1", "--title", title)
	env.mustRun("--as", "ST01", "log", "Click javascript:document.body.setAttribute('data-owned','link') or see https://example.org/status?a=1&b=2")
	env.mustRun("--as", "ST01", "log", "Rota | on call | pipes </td></tr></table><b>bold</b>")

	page := filepath.Join(env.dir, "x1.html")
	env.mustRun("export", "--format", "html", "--output", page)

	html := readText(t, page)
	for _, bad := range []string{"<script", "<img", `href="javascript`, "<b>bold"} {
		if strings.Contains(html, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}

	wantContains(t, "link", html, `<a href="https://example.org/status?a=1&amp;b=2" rel="noopener noreferrer">`)

	dom := runChromium(t, browser, env.dir, "--dump-dom", "file://"+page)
	if strings.Contains(dom, `data-owned="`) {
		t.Errorf("a script in the exported text ran in the browser:\n%s", dom[:min(len(dom), 2000)])
	}

	for _, literal := range []string{"&lt;script&gt;document.body.setAttribute", "&lt;img src=x onerror=", "&lt;b&gt;bold&lt;/b&gt;"} {
		wantContains(t, "page as the browser built it", dom, literal)
	}

	shot := filepath.Join(env.dir, "x1.png")
	runChromium(t, browser, env.dir, "--screenshot="+shot, "--window-size=1200,1600", "file://"+page)

	if info, err := os.Stat(shot); err != nil || info.Size() < 10_000 {
		t.Errorf("screenshot %s: %v, %v", shot, info, err)
	}
}
