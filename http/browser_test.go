package http

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

// axeSource is axe-core (npm axe-core 4.14.1, MPL-2.0), injected into
// every page the browser test visits.
//
//go:embed testdata/axe.min.js
var axeSource string

// chromiumPath finds a Chromium or Chrome binary, or "".
func chromiumPath() string {
	if p := os.Getenv("STRIDE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is one headless Chromium tab against a test server.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *browser) location() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(s, b.base)
}

// axeViolation is what axe-core reports for one broken rule.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Failure string `json:"failureSummary"`
	} `json:"nodes"`
}

// axe runs axe-core on the page and fails on serious or critical
// violations, logging the rest.
func (b *browser) axe(name string) {
	b.t.Helper()
	loaded, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`typeof axe === "object"`))
	if err != nil {
		b.t.Fatal(err)
	}
	if !loaded {
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](axeSource+";0")); err != nil {
			b.t.Fatalf("inject axe on %s: %v", name, err)
		}
	}
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](
		`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}).then(r => JSON.stringify(r.violations))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe on %s: %v", name, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		b.t.Fatal(err)
	}
	for _, v := range vs {
		var nodes []string
		for _, n := range v.Nodes {
			nodes = append(nodes, fmt.Sprintf("    %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Failure, "\n", "\n      ")))
		}
		msg := fmt.Sprintf("axe on %s: %s (%s): %s\n%s", name, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n"))
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Error(msg)
		} else {
			b.t.Log(msg)
		}
	}
}

// shot saves a full-page screenshot at width px.
func (b *browser) shot(dir, name string, width int64) {
	b.t.Helper()
	b.do("viewport", chromedp.EmulateViewport(width, 800))
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", p)
}

// TestBrowser drives the web app in headless Chromium: sign in, create a
// goal, log a partial step with the keyboard and watch momentum move in
// place (htmx), edit the step and sign out, with axe-core on every page
// and the CSP watched for anything it refuses.
func TestBrowser(t *testing.T) {
	exe := chromiumPath()
	if exe == "" {
		t.Skip("no Chromium found (apt-get install -y chromium, or set STRIDE_CHROMIUM): the browser test is skipped")
	}
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ctx := context.Background()
	setupToken, err := PrepareSetup(ctx, e.svc)
	if err != nil {
		t.Fatal(err)
	}
	ann := e.user("ann")
	ts := httptest.NewServer(e.srv)
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	bctx, cancel := context.WithTimeout(bctx, 50*time.Second)
	defer cancel()
	b := &browser{t: t, ctx: bctx, base: ts.URL}
	b.do("start", chromedp.Navigate("about:blank"))
	go func() {
		for m, err := range chromedp.Console(bctx) {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	shots := os.Getenv("STRIDE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	// The one-time setup page, checked only: ann signs in below.
	b.do("setup page", chromedp.Navigate(ts.URL+"/setup/"+setupToken), chromedp.WaitVisible(chromedp.CSS("#password_again")))
	b.axe("setup")

	// Sign in with the keyboard: type, Tab, type, Enter.
	b.do("login page", chromedp.Navigate(ts.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("#name")))
	b.axe("login")
	b.do("sign in",
		chromedp.Focus(chromedp.CSS("#name")), chromedp.KeyEvent("ann"), chromedp.KeyEvent(kb.Tab),
		chromedp.KeyEvent(testPassword), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".empty")))
	b.axe("empty board")

	// The empty board invites a first goal.
	b.do("create page", chromedp.Click(chromedp.CSS(".empty a.button")), chromedp.WaitVisible(chromedp.CSS("#target")))
	b.axe("goal new")
	b.do("bad target", chromedp.SendKeys(chromedp.CSS("#name"), "walk"), chromedp.SendKeys(chromedp.CSS("#target"), "lots"),
		chromedp.Submit(chromedp.CSS("#target")), chromedp.WaitVisible(chromedp.CSS("#target-err")))
	if msg := b.text("#target-err"); !strings.Contains(msg, "30 min/day") {
		t.Errorf("the target error does not say what is accepted: %q", msg)
	}
	b.axe("goal new with an error")
	b.do("create goal",
		chromedp.SetValue(chromedp.CSS("#target"), "30 min/day"),
		chromedp.SendKeys(chromedp.CSS("#smallest_step"), "walk 5 minutes"),
		chromedp.Submit(chromedp.CSS("#target")), chromedp.WaitVisible(chromedp.CSS(".card")))
	if f := b.text("main > .flash"); !strings.Contains(f, "walk is on your board") {
		t.Errorf("flash after create: %q", f)
	}

	// The new goal's card, found before other goals join it.
	walk, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(`.card h2 a[href^="/goals/"]`), "href"))
	if err != nil {
		t.Fatal(err)
	}
	goalPath := walk.Value
	walkCard := "#card-" + strings.TrimPrefix(goalPath, "/goals/")

	// Some history beside it, so the board and the charts have something to show.
	history(e, ann)
	b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(walkCard)))
	htmx, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`typeof htmx === "object"`))
	if err != nil || !htmx {
		t.Fatalf("htmx did not load: %v", err)
	}
	before := b.text(walkCard + " .momentum strong")
	b.axe("board")

	// Log a partial step with the keyboard through the custom form: open
	// the disclosure with Enter, Tab to the amount, type, Enter to send.
	b.do("log with the keyboard",
		chromedp.Focus(chromedp.CSS(walkCard+" summary")), chromedp.KeyEvent(kb.Enter),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("10"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("a short one"),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(walkCard+" .moved")))
	moved := b.text(walkCard + " .moved")
	after := b.text(walkCard + " .momentum strong")
	if moved != before+" →" || before == after {
		t.Errorf("momentum did not move in place: before %s, after %s, said %q", before, after, moved)
	}
	if loc := b.location(); loc != "/" {
		t.Errorf("htmx should keep the board in place, at %s", loc)
	}
	if steps := b.text(walkCard + " .today-steps"); !strings.Contains(steps, "10 min") || !strings.Contains(steps, "a short one") {
		t.Errorf("today's steps: %q", steps)
	}
	t.Logf("walk: momentum %s %s", moved, after)
	b.axe("board after a step")
	b.shot(shots, "board-1280.png", 1280)
	b.shot(shots, "board-360.png", 360)
	b.do("dark", colorScheme("dark"))
	b.axe("board, dark")
	b.shot(shots, "board-360-dark.png", 360)
	b.do("light", colorScheme("light"), chromedp.EmulateViewport(1280, 900))

	// The goal page, then edit the step from its list.
	b.do("goal page", chromedp.Click(chromedp.CSS(walkCard+" h2 a")), chromedp.WaitVisible(chromedp.CSS("#steps")))
	b.axe("goal page")
	b.do("step edit", chromedp.Click(chromedp.CSS(`a[href^="/steps/"][href$="/edit"]`)), chromedp.WaitVisible(chromedp.CSS("#amount")))
	b.axe("step edit")
	b.do("edit step", chromedp.SetValue(chromedp.CSS("#amount"), "20"), chromedp.Submit(chromedp.CSS("#amount")),
		chromedp.WaitVisible(chromedp.CSS("main > .flash")))
	if f := b.text("main > .flash"); !strings.Contains(f, "now 20 min") {
		t.Errorf("flash after the edit: %q", f)
	}
	if loc := b.location(); loc != goalPath {
		t.Errorf("after the edit at %s, want %s", loc, goalPath)
	}
	b.shot(shots, "goal-new-1280.png", 1280)

	// A goal with a few weeks of history, at both widths.
	b.do("board", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(walkCard)))
	b.do("read", chromedp.Click(chromedp.CSS(`.card:first-child h2 a, li:first-child .card h2 a`)), chromedp.WaitVisible(chromedp.CSS("#steps")))
	b.axe("goal page with history")
	b.shot(shots, "goal-1280.png", 1280)
	b.shot(shots, "goal-360.png", 360)
	b.do("viewport", chromedp.EmulateViewport(1280, 900))

	b.do("goal edit", chromedp.Navigate(ts.URL+goalPath+"/edit"), chromedp.WaitVisible(chromedp.CSS("#target_from")))
	b.axe("goal edit")
	b.do("goals", chromedp.Navigate(ts.URL+"/goals"), chromedp.WaitVisible(chromedp.CSS(".list")))
	b.axe("goals")
	b.do("settings", chromedp.Navigate(ts.URL+"/settings"), chromedp.WaitVisible(chromedp.CSS("#time_zone")))
	b.axe("settings")
	b.do("tokens", chromedp.Navigate(ts.URL+"/tokens"), chromedp.WaitVisible(chromedp.CSS("#token-name")))
	b.do("make a token", chromedp.SendKeys(chromedp.CSS("#token-name"), "laptop"), chromedp.Submit(chromedp.CSS("#token-name")),
		chromedp.WaitVisible(chromedp.CSS("#token-secret")))
	if secret := b.text("#token-secret"); !strings.HasPrefix(secret, "stride_") {
		t.Errorf("token shown: %q", secret)
	}
	b.axe("tokens")

	// An invite link, made on the settings page of an invite-only server.
	if err := SetRegistration(ctx, e.svc.Auth, stride.RegistrationInvite); err != nil {
		t.Fatal(err)
	}
	b.do("invite", chromedp.Navigate(ts.URL+"/settings"), chromedp.Click(chromedp.CSS(`form[action="/settings/invites"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#invite-url")))
	b.axe("settings with an invite")
	invite, _ := strings.CutPrefix(b.text("#invite-url"), "http://stride.test")

	// Sign out from the navigation.
	b.do("sign out", chromedp.Click(chromedp.CSS(`nav form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`form[action="/login"]`)))
	if loc := b.location(); loc != "/login" {
		t.Errorf("after signing out at %s", loc)
	}

	// The invite's sign-up form, then open sign-up.
	b.do("invite page", chromedp.Navigate(ts.URL+invite), chromedp.WaitVisible(chromedp.CSS("#password_again")))
	b.axe("invite")
	if err := SetRegistration(ctx, e.svc.Auth, stride.RegistrationOpen); err != nil {
		t.Fatal(err)
	}
	b.do("register page", chromedp.Navigate(ts.URL+"/login"), chromedp.Click(chromedp.CSS(`a[href="/register"]`)),
		chromedp.WaitVisible(chromedp.CSS("#password_again")))
	b.axe("register")

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		if strings.Contains(m.Text, "status of 422") { // the form with a bad target, on purpose
			continue
		}
		if m.Type == "error" || m.Type == chromedp.ConsoleException || strings.Contains(m.Text, "Content Security Policy") {
			t.Errorf("browser console %s: %s (%s)", m.Type, m.Text, m.URL)
		}
	}
}

// colorScheme emulates the system's light or dark preference.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// history gives ann two more goals with a few weeks of steps: one read
// most days, one a check goal with gaps and a rest day.
func history(e *testEnv, ann *stride.User) {
	e.t.Helper()
	today := stride.DateOf(e.clock())
	read := e.goal(ann, "read", "20 pages/week")
	stretch := e.goal(ann, "stretch", "daily")
	var steps []*stride.Step
	for d := today.AddDays(-29); d < today; d++ {
		if int(d)%3 != 0 {
			steps = append(steps, &stride.Step{GoalID: read.ID, Day: d, Amount: float64(2 + int(d)%5), Note: "a chapter"})
		}
		if int(d)%4 != 1 {
			steps = append(steps, &stride.Step{GoalID: stretch.ID, Day: d, Amount: 1})
		}
	}
	if err := e.svc.Steps.CreateSteps(ctxFor(ann), steps); err != nil {
		e.t.Fatal(err)
	}
	if err := e.svc.Goals.SkipDay(ctxFor(ann), stretch.ID, today.AddDays(-3)); err != nil {
		e.t.Fatal(err)
	}
}
