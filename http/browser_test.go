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
	bctx, cancel := context.WithTimeout(bctx, 150*time.Second)
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
	// the keyboard goes on from the card's message, not from the page's top
	focused, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.className : ""`))
	if err != nil || focused != "flash" {
		t.Errorf("focus after logging with the keyboard is on %q (%v), want the card's message", focused, err)
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
	if key := b.text("#year-key"); !strings.Contains(key, "target met") || !strings.Contains(key, "rest day") {
		t.Errorf("the heatmap's key says %q", key)
	}
	b.shot(shots, "goal-1280.png", 1280)
	b.shot(shots, "goal-360.png", 360)
	// the key's swatches beside their words fit a phone, in both themes
	if over, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector("#year-key").scrollWidth > document.querySelector("#year-key").clientWidth`)); err != nil || over {
		t.Errorf("the heatmap's key overflows at 360 px (%v)", err)
	}
	b.do("dark", colorScheme("dark"))
	b.axe("goal page, dark")
	b.shot(shots, "goal-360-dark.png", 360)
	b.do("light", colorScheme("light"), chromedp.EmulateViewport(1280, 900))
	// its steps, month by month
	b.do("steps by month", chromedp.Click(chromedp.CSS(`a[href^="/goals/"][href$="/steps"]`)), chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="Months"]`)))
	b.axe("steps by month")
	b.shot(shots, "goal-steps-360.png", 360)

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

	reflectPages(b, e, ann, shots)
	subGoalPages(b, e, ann, goalPath, shots)

	// Sign out from the navigation's account menu.
	b.do("sign out", chromedp.Click(chromedp.CSS(`nav details.end > summary`)),
		chromedp.Click(chromedp.CSS(`nav form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`form[action="/login"]`)))
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

// subGoalPages gives ann sub-goals: stretch under a new fitness goal, and
// walk too, through its edit form's "Part of" select; read under health,
// paused. The board nests them in lists under their parents' headings
// (health's card holds the place of a goal off the board), the goal pages
// link both ways, and the new-goal form offers the parent; axe runs on
// each, and the board is shot at 360 and 1280 px.
func subGoalPages(b *browser, e *testEnv, ann *stride.User, walkPath, shots string) {
	t := b.t
	base := b.base
	ctx := ctxFor(ann)
	fitness := e.goal(ann, "fitness", "150 min/week")
	health := e.goal(ann, "health", "daily")
	for name, parent := range map[string]int64{"stretch": fitness.ID, "read": health.ID} {
		g, err := e.svc.Goals.FindGoalByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		pid := &parent
		if _, err := e.svc.Goals.UpdateGoal(ctx, g.ID, stride.GoalUpdate{ParentID: &pid}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.svc.Goals.PauseGoal(ctx, health.ID, stride.DateOf(e.clock()), nil); err != nil {
		t.Fatal(err)
	}

	b.do("walk's edit form", chromedp.Navigate(base+walkPath+"/edit"), chromedp.WaitVisible(chromedp.CSS("#parent")))
	b.axe("goal edit with a parent select")
	b.do("part of fitness", chromedp.SetValue(chromedp.CSS("#parent"), fmt.Sprint(fitness.ID)), chromedp.Submit(chromedp.CSS("#parent")),
		chromedp.WaitVisible(chromedp.CSS("main > .flash")))
	if part := b.text(".facts"); !strings.Contains(part, "Part of") || !strings.Contains(part, "fitness") {
		t.Errorf("walk's page after the edit does not say it is part of fitness: %q", part)
	}
	b.axe("goal page of a sub-goal")

	b.do("board with sub-goals", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".sub-goals")))
	b.axe("board with sub-goals")
	nested, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("main > .cards > li")].map(li =>
		li.querySelector("article :is(h2,h3,h4)").textContent.trim() + ":" +
		[...li.querySelectorAll(":scope > .sub-goals > ul > li > article h3")].map(h => h.textContent.trim()).join(",")).join(" ")`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "fitness:stretch,walk health:read"; !strings.Contains(nested, want) {
		t.Errorf("the board's nesting (heading:sub-goal headings) is %q, want it to hold %q", nested, want)
	}
	if off := b.text(".card-off"); !strings.Contains(off, "paused") {
		t.Errorf("health's card on the board says %q, want it paused", off)
	}
	b.shot(shots, "board-subgoals-1280.png", 1280)
	b.shot(shots, "board-subgoals-360.png", 360)
	if over, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)); err != nil || over {
		t.Errorf("the board with sub-goals scrolls sideways at 360 px (%v)", err)
	}
	b.do("dark", colorScheme("dark"))
	b.axe("board with sub-goals, dark")
	b.shot(shots, "board-subgoals-360-dark.png", 360)
	b.do("light", colorScheme("light"), chromedp.EmulateViewport(1280, 900))

	b.do("goals with sub-goals", chromedp.Navigate(base+"/goals"), chromedp.WaitVisible(chromedp.CSS(".goal-tree .list")))
	b.axe("goals with sub-goals")
	b.shot(shots, "goals-subgoals-360.png", 360)
	b.do("viewport", chromedp.EmulateViewport(1280, 900))

	b.do("fitness", chromedp.Navigate(base+fmt.Sprintf("/goals/%d", fitness.ID)), chromedp.WaitVisible(chromedp.CSS("#sub-goals")))
	b.axe("goal page with sub-goals")
	if subs := b.text("section[aria-labelledby=sub-goals] ul"); !strings.Contains(subs, "stretch") || !strings.Contains(subs, "walk") {
		t.Errorf("fitness's sub-goals: %q", subs)
	}
	b.shot(shots, "goal-subgoals-360.png", 360)
	b.do("viewport", chromedp.EmulateViewport(1280, 900))
	b.do("add a sub-goal", chromedp.Click(chromedp.CSS(`a[href^="/goals/new?parent="]`)), chromedp.WaitVisible(chromedp.CSS("#parent")))
	b.axe("goal new with a parent")
	b.shot(shots, "goal-new-parent-360.png", 360)
	chosen, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector("#parent").selectedOptions[0].textContent`))
	if err != nil || chosen != "fitness" {
		t.Errorf("the new-goal form from fitness's page offers %q (%v), want fitness chosen", chosen, err)
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
	rest := today.AddDays(-3) // a day without a stretch: a day with progress cannot rest
	for int(rest)%4 != 1 {
		rest--
	}
	if err := e.svc.Goals.SkipDay(ctxFor(ann), stretch.ID, rest); err != nil {
		e.t.Fatal(err)
	}
}

// reflectPages walks the reflection pages (issue 4) with the keyboard where
// a person would type: today's focus on the board, a lesson through its
// four questions, a doubt and its revisit, a work's iterations and ship,
// and the weekly review; axe runs on every page, and the review and the
// lesson form are shot at 360 px in light and dark.
func reflectPages(b *browser, e *testEnv, ann *stride.User, shots string) {
	t := b.t
	base := b.base
	reviewExtras(e, ann)

	// The navigation's menu opens with the keyboard.
	b.do("board", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#focus-text")))
	b.do("reflect menu", chromedp.Focus(chromedp.CSS("nav details.menu:not(.end) > summary")), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`nav a[href="/lessons"]`)))
	b.axe("board with the reflect menu open")
	b.shot(shots, "menu-360.png", 360)
	b.do("viewport", chromedp.EmulateViewport(1280, 900))
	b.do("menu link", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("#lesson-list")))

	// Escape closes an open menu and gives the focus back to its summary;
	// opening the other menu closes the first. (Read from the DOM: the
	// content of a closed <details> counts as visible to chromedp.)
	reflect, account := "nav details.menu:not(.end)", "nav details.menu.end"
	menus := func(what, want string) {
		t.Helper()
		got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`[document.querySelector("`+reflect+`").open,
			document.querySelector("`+account+`").open, document.activeElement.textContent.trim()].join(" ")`))
		if err != nil || got != want {
			t.Errorf("%s: reflect open, account open, focus = %q (%v), want %q", what, got, err, want)
		}
	}
	b.do("reflect menu again", chromedp.Focus(chromedp.CSS(reflect+" > summary")), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`nav a[href="/lessons"]`)), chromedp.KeyEvent(kb.Tab))
	menus("open, on its first link", "true false Lessons")
	b.do("escape", chromedp.KeyEvent(kb.Escape))
	menus("after Escape", "false false Reflect")
	b.do("both menus", chromedp.KeyEvent(kb.Enter), chromedp.Focus(chromedp.CSS(account+" > summary")), chromedp.KeyEvent(kb.Enter))
	menus("the account menu opened after the reflect menu", "false true Account (ann)")
	b.do("escape again", chromedp.KeyEvent(kb.Escape))
	b.do("reflect menu once more", chromedp.Focus(chromedp.CSS(reflect+" > summary")), chromedp.KeyEvent(kb.Enter))
	menus("open again", "true false Reflect")
	b.do("click outside", chromedp.Click(chromedp.CSS("main h1")))
	if open, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector("`+reflect+`").open`)); err != nil || open {
		t.Errorf("the reflect menu after a click outside it: open %v (%v)", open, err)
	}
	b.do("board again", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#focus-text")))

	// Today's focus, set from the board with the keyboard.
	b.do("set focus", chromedp.Focus(chromedp.CSS("#focus-text")), chromedp.KeyEvent("draft the intro"), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`.focus form[action$="/done"]`)))
	if f := b.text(".focus-text"); !strings.Contains(f, "draft the intro") {
		t.Errorf("focus on the board: %q", f)
	}
	b.axe("board with a focus")
	b.do("focus done", chromedp.Click(chromedp.CSS(`.focus form[action$="/done"] button`)), chromedp.WaitVisible(chromedp.CSS(".done-mark")))
	b.do("focus page", chromedp.Navigate(base+"/focus"), chromedp.WaitVisible(chromedp.CSS("#history")))
	b.axe("focus")

	// A lesson through the four questions, typed and tabbed.
	b.do("lesson form", chromedp.Navigate(base+"/lessons/new"), chromedp.WaitVisible(chromedp.CSS("#wanted")))
	b.axe("lesson form")
	b.shot(shots, "lesson-form-360.png", 360)
	b.do("dark", colorScheme("dark"))
	b.axe("lesson form, dark")
	b.shot(shots, "lesson-form-360-dark.png", 360)
	b.do("light", colorScheme("light"), chromedp.EmulateViewport(1280, 900))
	b.do("lesson with an error", chromedp.Focus(chromedp.CSS("#themes")), chromedp.KeyEvent("time"), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#wanted-err")))
	b.axe("lesson form with an error")
	b.do("write a lesson",
		chromedp.Focus(chromedp.CSS("#wanted")), chromedp.KeyEvent("walk every day"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("two late evenings"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("walk at lunch"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("a 10-minute walk at noon"),
		chromedp.Focus(chromedp.CSS("#themes")), chromedp.KeyEvent(", energy"), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".answers")))
	if a := b.text(".answers"); !strings.Contains(a, "two late evenings") || !strings.Contains(a, "a 10-minute walk at noon") {
		t.Errorf("the lesson's answers: %q", a)
	}
	b.axe("lesson")
	lesson := b.location()
	b.do("lesson edit", chromedp.Navigate(base+lesson+"/edit"), chromedp.WaitVisible(chromedp.CSS("#wanted")))
	b.axe("lesson edit")
	b.do("lessons", chromedp.Navigate(base+"/lessons"), chromedp.WaitVisible(chromedp.CSS("#themes")))
	b.axe("lessons")
	b.do("lessons on a theme", chromedp.Click(chromedp.CSS(`.themes a[href="/lessons?theme=time"]`)), chromedp.WaitVisible(chromedp.CSS("#lesson-list")))
	b.axe("lessons on a theme")
	b.do("delete lesson?", chromedp.Navigate(base+lesson), chromedp.Click(chromedp.CSS(`form[action$="/delete"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a.button.secondary[href="`+lesson+`"]`)))
	b.axe("confirm a deletion")

	// A doubt weighed against the record, then looked at again.
	b.do("doubt form", chromedp.Navigate(base+"/doubts/new"), chromedp.WaitVisible(chromedp.CSS("#text")))
	if ev := b.text(".evidence"); !strings.Contains(ev, "You logged") {
		t.Errorf("the doubt form offers no evidence: %q", ev)
	}
	b.axe("doubt form")
	b.do("write a doubt", chromedp.Focus(chromedp.CSS("#text")), chromedp.KeyEvent("I am not a reader"),
		chromedp.Focus(chromedp.CSS("#against")), chromedp.KeyEvent("a chapter most days"),
		chromedp.Submit(chromedp.CSS("#against")), chromedp.WaitVisible(chromedp.CSS("#revisits")))
	b.axe("doubt")
	b.do("revisit", chromedp.Focus(chromedp.CSS(`input[name="holds"][value="no"]`)), chromedp.KeyEvent(" "),
		chromedp.Submit(chromedp.CSS("#revisit-note")), chromedp.WaitVisible(chromedp.CSS("#revisits ~ .list strong")))
	if f := b.text("main > .flash"); !strings.Contains(f, "no longer holds") {
		t.Errorf("revisit flash: %q", f)
	}
	b.do("doubt edit", chromedp.Navigate(base+b.location()+"/edit"), chromedp.WaitVisible(chromedp.CSS("#text")))
	b.axe("doubt edit")
	b.do("doubts", chromedp.Navigate(base+"/doubts"), chromedp.WaitVisible(chromedp.CSS(".list")))
	b.axe("doubts")

	// A work: iterations until the kind nudge, then a ship.
	b.do("work form", chromedp.Navigate(base+"/works/new"), chromedp.WaitVisible(chromedp.CSS("#name")))
	b.axe("work form")
	b.do("start a work", chromedp.SendKeys(chromedp.CSS("#name"), "talk"), chromedp.SendKeys(chromedp.CSS("#done_when"), "a friend has heard it"),
		chromedp.Submit(chromedp.CSS("#name")), chromedp.WaitVisible(chromedp.CSS("#changed")))
	for i, what := range []string{"outline", "slides", "a dry run"} {
		b.do("iterate "+what, chromedp.SendKeys(chromedp.CSS("#changed"), what), chromedp.Submit(chromedp.CSS("#changed")),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(".log li:nth-child(%d)", i+1))))
	}
	if n := b.text(".nudge"); !strings.Contains(n, "share it with someone") {
		t.Errorf("no nudge after three iterations: %q", n)
	}
	b.axe("work with a nudge")
	b.do("ship", chromedp.Submit(chromedp.CSS("#ship_note")), chromedp.WaitVisible(chromedp.CSS(".log strong")))
	b.axe("work shipped")
	b.do("work edit", chromedp.Navigate(base+b.location()+"/edit"), chromedp.WaitVisible(chromedp.CSS("#name")))
	b.axe("work edit")
	b.do("works", chromedp.Navigate(base+"/works"), chromedp.WaitVisible(chromedp.CSS(".list")))
	b.axe("works")
	b.do("wins", chromedp.Navigate(base+"/wins"), chromedp.WaitVisible(chromedp.CSS("#since")))
	b.axe("wins")

	// The weekly review of last week: the summary and the prompts on one page.
	week := stride.DateOf(e.clock()).AddDays(-7).StartOfWeek(time.Monday).String()
	b.do("review", chromedp.Navigate(base+"/review?week="+week), chromedp.WaitVisible(chromedp.CSS("#went_well")))
	b.axe("review")
	b.shot(shots, "review-360.png", 360)
	b.do("dark", colorScheme("dark"))
	b.axe("review, dark")
	b.shot(shots, "review-360-dark.png", 360)
	b.do("light", colorScheme("light"), chromedp.EmulateViewport(1280, 900))
	b.shot(shots, "review-1280.png", 1280)
	b.do("viewport", chromedp.EmulateViewport(1280, 900))
	b.do("answer the review",
		chromedp.Focus(chromedp.CSS("#went_well")), chromedp.KeyEvent("walked most days"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("lunch walks fit my days"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("rain"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("book the physio"), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".answers")))
	if loc := b.location(); loc != "/reviews/"+week {
		t.Errorf("after saving the review at %s", loc)
	}
	b.axe("a past review")
	b.do("reviews", chromedp.Navigate(base+"/reviews"), chromedp.WaitVisible(chromedp.CSS(".timeline")))
	b.axe("reviews")

	// The goal page's journal, how far and done-when.
	b.do("goal page", chromedp.Navigate(base+"/goals"), chromedp.Click(chromedp.CSS(`.list a[href^="/goals/"]`)),
		chromedp.WaitVisible(chromedp.CSS("#journal")))
	b.axe("goal page with its journal")

	// Your data: the downloads, then the account's own backup, fetched
	// from the page's download link, previewed and imported with the
	// keyboard: everything in it is here already.
	b.do("data", chromedp.Navigate(base+"/data"), chromedp.WaitVisible(chromedp.CSS("#backup")))
	b.axe("data")
	b.shot(shots, "data-360.png", 360)
	b.do("viewport", chromedp.EmulateViewport(1280, 900))
	backup, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch("/data/export.json").then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(backup, `"steps"`) {
		t.Fatalf("the backup download: %v, %.200q", err, backup)
	}
	file := filepath.Join(t.TempDir(), "my-backup.json")
	if err := os.WriteFile(file, []byte(backup), 0o600); err != nil {
		t.Fatal(err)
	}
	b.do("preview", chromedp.SetUploadFiles(chromedp.CSS("#backup"), []string{file}),
		chromedp.Focus(chromedp.CSS(`button[value="preview"]`)), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("#import-result .result")))
	if got := b.text("#import-result"); !strings.Contains(got, "Preview of my-backup.json") || !strings.Contains(got, "Nothing new") ||
		strings.Contains(got, "Press Import") {
		t.Errorf("the preview says %q", got)
	}
	b.axe("data with an import preview")
	b.do("import", chromedp.Focus(chromedp.CSS(`button[value="import"]`)), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#import-result a[href="/"]`)))
	if got := b.text("#import-result"); !strings.Contains(got, "Imported my-backup.json") {
		t.Errorf("the import says %q", got)
	}
	b.axe("data after an import")

	// A backup with a goal this account has not, made from one of ann's
	// under a new name and id: the preview says what it would add, and
	// Import adds it to the board.
	var doc stride.Backup
	if err := json.Unmarshal([]byte(backup), &doc); err != nil {
		t.Fatal(err)
	}
	var swim *stride.BackupGoal
	for _, g := range doc.Goals {
		if len(g.Steps) >= 2 && g.ParentID == nil {
			swim = g
			break
		}
	}
	if swim == nil {
		t.Fatalf("no goal with two steps in the backup")
	}
	swim.ID, swim.Name, swim.SourceID, swim.Milestones, swim.Pauses, swim.Skips = 1<<40, "swim", "", nil, nil, nil
	swim.Steps = swim.Steps[:2]
	for i, s := range swim.Steps {
		s.ID, s.GoalID, s.RequestID = 1<<40+int64(i), swim.ID, ""
	}
	doc.Goals, doc.Lessons, doc.Doubts, doc.Focus, doc.Works, doc.Reviews = []*stride.BackupGoal{swim}, nil, nil, nil, nil, nil
	other, err := json.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(t.TempDir(), "swim.json")
	if err := os.WriteFile(file, other, 0o600); err != nil {
		t.Fatal(err)
	}
	// The last result has a link to the board and a preview has none, so
	// its going says the preview came.
	b.do("preview of a new goal", chromedp.SetUploadFiles(chromedp.CSS("#backup"), []string{file}),
		chromedp.Focus(chromedp.CSS(`button[value="preview"]`)), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitNotPresent(chromedp.CSS(`#import-result a[href="/"]`)), chromedp.WaitVisible(chromedp.CSS("#import-result .result")))
	if got := b.text("#import-result"); !strings.Contains(got, "Preview of swim.json") || !strings.Contains(got, "It would create 1 goal, 2 steps") ||
		!strings.Contains(got, "Press Import to write it.") {
		t.Errorf("the preview of a new goal says %q", got)
	}
	b.axe("data with a preview of a new goal")
	b.shot(shots, "data-preview-360.png", 360)
	b.do("viewport", chromedp.EmulateViewport(1280, 900))
	b.do("import a new goal", chromedp.Focus(chromedp.CSS(`button[value="import"]`)), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#import-result a[href="/"]`)))
	if got := b.text("#import-result"); !strings.Contains(got, "Imported swim.json") || !strings.Contains(got, "Created 1 goal, 2 steps") {
		t.Errorf("the import of a new goal says %q", got)
	}
	b.axe("data after importing a new goal")
	b.do("board after the import", chromedp.Focus(chromedp.CSS(`#import-result a[href="/"]`)), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("article.card")))
	if got := b.text("main"); !strings.Contains(got, "swim") {
		t.Errorf("the board after the import has no swim: %.300q", got)
	}
}

// reviewExtras gives ann's last week a few reflection records beside
// history's steps, so the review has something in each part.
func reviewExtras(e *testEnv, ann *stride.User) {
	e.t.Helper()
	ctx, svc := ctxFor(ann), e.svc
	mon := stride.DateOf(e.clock()).AddDays(-7).StartOfWeek(time.Monday)
	for _, l := range []*stride.Lesson{
		{Day: mon + 2, Happened: "rain all day", Next: "walk indoors", Themes: []string{"weather", "time"}},
		{Day: mon + 4, Happened: "a late meeting", Next: "walk at lunch", Themes: []string{"time"}},
	} {
		if err := svc.Lessons.CreateLesson(ctx, l); err != nil {
			e.t.Fatal(err)
		}
	}
	for i, text := range []string{"plan the week", "call the bank", "read one chapter"} {
		f := &stride.Focus{Day: mon + stride.Date(i), Text: text}
		if err := svc.Focus.SetFocus(ctx, f); err != nil {
			e.t.Fatal(err)
		}
		if i != 1 {
			if _, err := svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: new(true)}); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	w := &stride.Work{Name: "essay", DoneWhen: "a friend has read it"}
	if err := svc.Works.CreateWork(ctx, w); err != nil {
		e.t.Fatal(err)
	}
	for _, it := range []*stride.Iteration{
		{Kind: stride.IterationChange, Day: mon + 1, Changed: "first draft"},
		{Kind: stride.IterationShip, Day: mon + 4, Note: "sent to Kim"},
	} {
		if _, err := svc.Works.AddIteration(ctx, w.ID, it); err != nil {
			e.t.Fatal(err)
		}
	}
}
