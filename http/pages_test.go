package http

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/chart"
	"github.com/strideapp/stride/storetest"
	"github.com/strideapp/stride/words"
)

// page requests a page as the browser with cookie and checks its status
// and that its body holds each of parts.
func (e *testEnv) page(cookie *http.Cookie, method, path string, form url.Values, status int, parts ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	r := req{method: method, path: path, cookie: cookie, header: map[string]string{"Sec-Fetch-Site": "same-origin"}}
	if form != nil {
		r.body = form
	}
	w := e.do(r)
	if w.Code != status {
		e.t.Fatalf("%s %s: status %d, want %d; body: %.600s", method, path, w.Code, status, w.Body)
	}
	for _, p := range parts {
		if !strings.Contains(w.Body.String(), p) {
			e.t.Errorf("%s %s: the body lacks %q: %.2000s", method, path, p, w.Body)
		}
	}
	return w
}

// follow reads the flash a redirect left, as the next page shows it.
func (e *testEnv) follow(cookie *http.Cookie, w *httptest.ResponseRecorder) string {
	e.t.Helper()
	if w.Code != http.StatusSeeOther {
		e.t.Fatalf("status %d, want a redirect; body: %.600s", w.Code, w.Body)
	}
	var flash *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == flashCookie {
			flash = c
		}
	}
	r := httptest.NewRequest("GET", w.Header().Get("Location"), nil)
	r.AddCookie(cookie)
	if flash != nil {
		r.AddCookie(flash)
	}
	next := httptest.NewRecorder()
	e.srv.ServeHTTP(next, r)
	if next.Code != http.StatusOK {
		e.t.Fatalf("GET %s after the redirect: %d", w.Header().Get("Location"), next.Code)
	}
	body := next.Body.String()
	i := strings.Index(body, `<p class="flash" role="status">`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</p>")
	return body[i+len(`<p class="flash" role="status">`) : i+j]
}

func TestBoardAndLog(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		e.page(c, "GET", "/", nil, 200, "Create your first goal", `href="/goals/new"`)

		walk := e.goal(ann, "walk", "30 min/day")
		e.step(ann, walk, 20, "yesterday's walk")
		bobs := e.goal(bob, "bobs", "1 time/day")
		w := e.page(c, "GET", "/", nil, 200, "walk", "30 min/day", "momentum", `class="chart spark"`, `value="20" id="card-`, `title="the usual"`, `name="request_id"`, "<details")
		if strings.Contains(w.Body.String(), "bobs") {
			t.Error("the board shows another user's goal")
		}

		// Without JavaScript: post, redirect, and the board says what moved.
		form := url.Values{"amount": {"10"}, "request_id": {"tap-1"}, "back": {"/"}}
		w = e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), form, 303)
		if loc := w.Header().Get("Location"); loc != "/" {
			t.Errorf("redirect to %q", loc)
		}
		if flash := e.follow(c, w); !strings.Contains(flash, "Logged 10 min for walk") || !strings.Contains(flash, "→") {
			t.Errorf("flash %q", flash)
		}
		// The same request id again (a double tap): one step.
		w = e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), form, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "already logged") {
			t.Errorf("replayed flash %q", flash)
		}
		today := stride.DateOf(testStart)
		steps, err := svc.Steps.FindSteps(ctxFor(ann), stride.StepFilter{GoalID: &walk.ID, Since: &today})
		if err != nil || len(steps) != 1 {
			t.Fatalf("steps today: %d, %v", len(steps), err)
		}

		// With htmx: the card comes back alone, with the move.
		hx := req{method: "POST", path: fmt.Sprintf("/goals/%d/steps", walk.ID), cookie: c,
			body:   url.Values{"amount": {"5"}, "note": {"around the block"}, "effort": {"6"}, "energy": {"4"}, "request_id": {"tap-2"}},
			header: map[string]string{"Sec-Fetch-Site": "same-origin", "HX-Request": "true"}}
		w = e.do(hx)
		body := w.Body.String()
		if w.Code != 200 || !strings.HasPrefix(strings.TrimSpace(body), `<article class="card" id="card-`) ||
			!strings.Contains(body, `class="moved"`) || !strings.Contains(body, "around the block") || strings.Contains(body, "<html") {
			t.Fatalf("htmx log %d: %s", w.Code, body)
		}

		// What to fix comes back beside the field: 422 for both.
		bad := url.Values{"amount": {"lots"}, "request_id": {"tap-3"}}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), bad, 422, "is not a duration", `aria-invalid="true"`, " open>")
		hx.body = bad
		if w := e.do(hx); w.Code != 422 || !strings.Contains(w.Body.String(), "is not a duration") {
			t.Fatalf("htmx bad amount %d: %s", w.Code, w.Body)
		}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), url.Values{"amount": {"5"}, "energy": {"9"}, "date": {"someday"}}, 422,
			"Energy is 1 (drained) to 5", "is not understood")
		e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), url.Values{"amount": {"5"}, "date": {(today + 1).String()}}, 422,
			"is still to come: steps record what was done")

		// Another user's goal, and a goal that does not exist: 404.
		e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", bobs.ID), url.Values{"amount": {"1"}}, 404)
		e.page(c, "POST", "/goals/999999/steps", url.Values{"amount": {"1"}}, 404)
		e.page(c, "POST", "/goals/nope/steps", url.Values{"amount": {"1"}}, 404)

		// A check goal has one Done button, and none once done today; its
		// custom form asks no amount, and one other than 1 says why (422,
		// which htmx swaps in).
		check := e.goal(ann, "stretch", "daily")
		e.page(c, "GET", "/", nil, 200, ">Done<")
		if strings.Contains(e.page(c, "GET", "/", nil, 200).Body.String(), fmt.Sprintf(`id="c%d-amount"`, check.ID)) {
			t.Error("a check goal's custom form asks for an amount")
		}
		hx.path, hx.body = fmt.Sprintf("/goals/%d/steps", check.ID), url.Values{"amount": {"2"}, "request_id": {"tap-4"}}
		if w := e.do(hx); w.Code != 422 || !strings.Contains(w.Body.String(), "This goal is yes or no") {
			t.Fatalf("htmx amount 2 on a check goal %d: %s", w.Code, w.Body)
		}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", check.ID), url.Values{"amount": {"1"}}, 303)
		w = e.page(c, "GET", "/", nil, 200, "✓ today")
		if strings.Contains(w.Body.String(), ">Done<") {
			t.Error("a check goal done today still offers Done")
		}
	})
}

// TestLimitSaysAtMost: a limit reads as one wherever its target shows,
// and its one-tap button records rather than urges.
func TestLimitSaysAtMost(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	c := e.session(ann)
	coffee := e.goal(ann, "coffee", "at most 2 cups/day")
	e.page(c, "GET", "/", nil, 200, `<p class="target">at most 2 cups/day</p>`, `title="record 1 cup"`, "within the limit")
	e.page(c, "GET", "/goals", nil, 200, `<span class="meta">at most 2 cups/day</span>`)
	e.page(c, "GET", fmt.Sprintf("/goals/%d", coffee.ID), nil, 200, "<strong>at most 2 cups/day</strong>",
		"shaded full when it stays within the limit (at most 2 cups/day)", "> within the limit</li>", "> twice the limit</li>",
		"the dashed line is the limit for that week", "A week is within the limit when none of its days went over 2 cups a day.",
		"against the limit; the last week has 0 cups, no day over the limit of 2 cups a day.")
	// a new limit asks for a record of what was had, not a first step
	made := e.page(c, "POST", "/goals/new", url.Values{"name": {"tea"}, "target": {"at most 3 cups/day"}}, 303)
	if flash := e.follow(c, made); !strings.Contains(flash, "tea is on your board. A day with nothing logged counts as within the limit") ||
		strings.Contains(flash, "however small") {
		t.Errorf("flash %q", flash)
	}
	w := e.do(req{method: "POST", path: fmt.Sprintf("/goals/%d/steps", coffee.ID), cookie: c, body: url.Values{"amount": {"1"}, "request_id": {"c-1"}},
		header: map[string]string{"Sec-Fetch-Site": "same-origin", "HX-Request": "true"}})
	if body := w.Body.String(); w.Code != 200 || !strings.Contains(body, `<p class="target">at most 2 cups/day</p>`) || strings.Contains(body, "the smallest step") {
		t.Errorf("the card after a tap: %d %s", w.Code, body)
	}
}

func TestBehindShowsSmallestStep(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	g := e.goal(ann, "read", "70 pages/week")
	if _, err := e.svc.Goals.UpdateGoal(ctxFor(ann), g.ID, stride.GoalUpdate{SmallestStep: new("read one page")}); err != nil {
		t.Fatal(err)
	}
	e.advance(72 * time.Hour) // Thursday, nothing done this week
	w := e.page(e.session(ann), "GET", "/", nil, 200, "room to catch up", "Smallest step: read one page")
	for _, bad := range []string{"missed", "failed", "broken", "streak"} {
		if strings.Contains(strings.ToLower(w.Body.String()), bad) {
			t.Errorf("the board says %q", bad)
		}
	}
}

func TestGoalPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		e.page(c, "GET", "/goals/new", nil, 200, `name="target"`, "3 times/week")

		// Create: what to fix stays beside the field, the form keeps its values.
		e.page(c, "POST", "/goals/new", url.Values{"name": {"walk"}, "target": {"lots"}}, 422,
			`id="target-err"`, "30 min/day", `value="walk"`)
		e.page(c, "POST", "/goals/new", url.Values{"name": {""}, "target": {"30 min/day"}}, 422, "a goal needs a name")
		e.page(c, "POST", "/goals/new", url.Values{"name": {"walk"}, "target": {"30 min/day"}, "milestones": {"100, many"}}, 422, "Separate milestones with commas")
		w := e.page(c, "POST", "/goals/new", url.Values{"name": {"walk"}, "target": {"30 min/day"}, "why": {"to feel well"},
			"smallest_step": {"walk 5 minutes"}, "milestones": {"60, 600"}, "start": {"2026-06-01"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "walk is on your board") || !strings.Contains(flash, "walk 5 minutes") {
			t.Errorf("flash %q", flash)
		}
		e.page(c, "POST", "/goals/new", url.Values{"name": {"Walk"}, "target": {"1 time/day"}}, 422, `id="name-err"`)
		g, err := svc.Goals.FindGoalByName(ctxFor(ann), "walk")
		if err != nil {
			t.Fatal(err)
		}
		gp := fmt.Sprintf("/goals/%d", g.ID)
		for d := 0; d < 5; d++ {
			s := &stride.Step{GoalID: g.ID, Day: stride.NewDate(2026, 6, 10+d), Amount: 20, Note: "step note"}
			if _, err := svc.Steps.CreateStep(ctxFor(ann), s); err != nil {
				t.Fatal(err)
			}
		}

		// The goal page.
		w = e.page(c, "GET", gp, nil, 200, "to feel well", "30 min/day", `class="chart heatmap"`, `class="chart trend"`,
			`class="chart weeks"`, "Why momentum is", "How it works", "reached Fri 2026-06-12", "8h20m to go", "step note",
			"/steps/", "/edit", `action="`+gp+`/skip"`, `action="`+gp+`/pause"`,
			// the heatmap's key, in words beside the swatches
			`aria-describedby="year-key"`, `id="year-key"`, "A day is shaded by how much of its target (30 min/day) it met.",
			`<span class="swatch hm-4"></span></span> target met</li>`, `<span class="swatch hm-0"></span></span> a gap</li>`,
			`<span class="swatch hm-held"></span></span> rest day</li>`)
		if strings.Contains(w.Body.String(), "missed") || strings.Contains(w.Body.String(), "streak") {
			t.Error("the goal page shames")
		}

		// Edit: a new target from a chosen day keeps the old one before it.
		e.page(c, "GET", gp+"/edit", nil, 200, `value="30 min/day"`, `name="target_from"`)
		e.page(c, "POST", gp+"/edit", url.Values{"name": {"walk"}, "target": {"2 pages/day"}}, 422, "same unit")
		e.page(c, "POST", gp+"/edit", url.Values{"name": {"walk"}, "target": {"at most 30 min/day"}}, 422, "floor into a limit")
		w = e.page(c, "POST", gp+"/edit", url.Values{"name": {"walk"}, "target": {"45 min/day"}, "target_from": {"2026-06-12"},
			"why": {"to feel well"}, "milestones": {"60, 600"}, "start": {"2026-06-01"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "45 min/day from Fri 2026-06-12") {
			t.Errorf("flash %q", flash)
		}
		if g, err = svc.Goals.FindGoalByID(ctxFor(ann), g.ID); err != nil || len(g.Targets) != 2 || g.Target.From != stride.NewDate(2026, 6, 12) {
			t.Fatalf("targets %+v, %v", g.Targets, err)
		}
		e.page(c, "GET", gp, nil, 200, "Before: 30 min/day from Mon 2026-06-01")

		// Rest, pause, resume, done, archive.
		e.page(c, "POST", gp+"/skip", url.Values{"date": {"yesterday"}}, 422, "already has progress") // a step on the 14th
		e.page(c, "POST", gp+"/skip", url.Values{"date": {"2020-01-01"}}, 422, "before walk starts (2026-06-01)")
		w = e.page(c, "POST", gp+"/skip", url.Values{"date": {"2026-06-09"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Tue 2026-06-09 is a rest day") {
			t.Errorf("skip flash %q", flash)
		}
		// the rest day lowers the week's aim, as in the weekly review: 6 days of 45 min
		e.page(c, "GET", gp, nil, 200, "week of 2026-06-08: 1h40m of 4h30m (45 min/day)", "what the target asked of that week (a rest day lowers it)")
		e.page(c, "POST", gp+"/pause", url.Values{"until": {"2026-06-01"}}, 422, "pick a day after today")
		w = e.page(c, "POST", gp+"/pause", url.Values{"until": {"2026-06-20"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "paused until Sat 2026-06-20") {
			t.Errorf("pause flash %q", flash)
		}
		e.page(c, "GET", gp, nil, 200, "paused until Sat 2026-06-20", ">Resume<")
		e.page(c, "POST", gp+"/resume", nil, 303)
		w = e.page(c, "POST", gp+"/done", nil, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "walk is done") || !strings.Contains(flash, "in all") {
			t.Errorf("done flash %q", flash)
		}
		e.page(c, "POST", gp+"/archive", nil, 303)
		e.page(c, "GET", "/goals", nil, 200, "walk", "archived")

		// Delete asks first, without JavaScript.
		e.page(c, "POST", gp+"/delete", nil, 200, "Delete walk?", `name="confirm" value="yes"`, "No, keep it")
		if _, err := svc.Goals.FindGoalByID(ctxFor(ann), g.ID); err != nil {
			t.Fatal("the goal is gone before the confirmation")
		}

		// Another user's goal is not found anywhere.
		bobs := e.goal(bob, "bobs", "1 time/day")
		bp := fmt.Sprintf("/goals/%d", bobs.ID)
		e.page(c, "GET", bp, nil, 404)
		e.page(c, "GET", bp+"/edit", nil, 404)
		for _, action := range []string{"/edit", "/pause", "/resume", "/skip", "/done", "/archive", "/delete"} {
			e.page(c, "POST", bp+action, url.Values{"confirm": {"yes"}, "name": {"x"}, "target": {"1 time/day"}}, 404)
		}
		if _, err := svc.Goals.FindGoalByID(ctxFor(bob), bobs.ID); err != nil {
			t.Fatal(err)
		}

		e.page(c, "POST", gp+"/delete", url.Values{"confirm": {"yes"}}, 303)
		e.page(c, "GET", gp, nil, 404)
	})
}

// TestHeatKeyStyled: every swatch of the heatmap's key has its colour in
// the stylesheet, the same variable as the cells it stands for.
func TestHeatKeyStyled(t *testing.T) {
	css, err := os.ReadFile("assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	limit := stride.Target{Amount: 2, Unit: "cups", Per: stride.PerDay}
	for _, g := range []*stride.Goal{{Unit: "min", Target: stride.Target{Amount: 30, Unit: "min", Per: stride.PerDay}},
		{Unit: "cups", Direction: stride.AtMost, Target: limit}} {
		for _, e := range chart.HeatmapKey(g).Entries {
			for _, class := range e.Classes {
				v := strings.TrimPrefix(class, "hm-")
				if rule := fmt.Sprintf(".swatch.%s { background: var(--hm-%s); }", class, v); !strings.Contains(string(css), rule) {
					t.Errorf("the stylesheet lacks %q", rule)
				}
				if rule := fmt.Sprintf(".%s { fill: var(--hm-%s); }", class, v); !strings.Contains(string(css), rule) {
					t.Errorf("the stylesheet lacks %q", rule)
				}
			}
		}
	}
}

// TestRestingGoalPage: a paused or done goal's page says so and asks
// nothing of today, while its record stays readable.
func TestRestingGoalPage(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	c := e.session(ann)
	nudges := []string{"Today: log", "the day is not over", "The target today is met", "0/0", "not yet today", "on pace",
		"log it from", `class="next"`}
	record := []string{`class="chart heatmap"`, `class="chart trend"`, `class="chart weeks"`, "Why momentum is", "a note of yesterday"}
	check := func(path string, says ...string) {
		t.Helper()
		w := e.page(c, "GET", path, nil, 200, append(says, record...)...)
		for _, bad := range nudges {
			if strings.Contains(w.Body.String(), bad) {
				t.Errorf("%s says %q", path, bad)
			}
		}
	}

	read := e.goal(ann, "read", "30 min/day")
	e.step(ann, read, 20, "a note of yesterday")
	rp := fmt.Sprintf("/goals/%d", read.ID)
	e.page(c, "GET", rp, nil, 200, "Today: log", "the day is not over") // active: today is asked for
	e.page(c, "POST", rp+"/pause", url.Values{"until": {"2026-06-20"}}, 303)
	check(rp, "paused until Sat 2026-06-20 · nothing is asked of today", "Paused until Sat 2026-06-20: nothing is asked of today")
	e.page(c, "POST", rp+"/pause", nil, 303) // open-ended
	check(rp, "Paused: nothing is asked of today")

	gym := e.goal(ann, "gym", "3 times/week")
	e.step(ann, gym, 1, "a note of yesterday")
	gp := fmt.Sprintf("/goals/%d", gym.ID)
	e.page(c, "POST", gp+"/done", nil, 303)
	done, err := e.svc.Goals.FindGoalByID(ctxFor(ann), gym.ID)
	if err != nil || done.FinishedOn == nil {
		t.Fatalf("the done goal: %+v, %v", done, err)
	}
	on := words.Day(*done.FinishedOn) // the store's clock, not the test's
	check(gp, "done on "+on+" · nothing is asked of today", "Finished on "+on+": nothing more is asked of it.")
	e.page(c, "GET", "/goals", nil, 200, "done on "+on, "paused")

	// A done goal without a step says so, and sends nobody to the board.
	empty := e.goal(ann, "swim", "1 time/week")
	sp := fmt.Sprintf("/goals/%d", empty.ID)
	e.page(c, "POST", sp+"/done", nil, 303)
	if w := e.page(c, "GET", sp, nil, 200, "No steps were logged."); strings.Contains(w.Body.String(), "log it from") {
		t.Error("a done goal's empty record sends the user to log a step")
	}
}

func TestStepPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		g := e.goal(ann, "walk", "30 min/day")
		st := e.step(ann, g, 20, "first")
		sp := fmt.Sprintf("/steps/%d", st.ID)

		e.page(c, "GET", sp+"/edit", nil, 200, `value="20"`, ">first<", `value="2026-06-14"`)
		e.page(c, "POST", sp+"/edit", url.Values{"amount": {"0"}, "date": {"2026-06-14"}}, 422, "must be more than 0", `id="amount-err"`)
		w := e.page(c, "POST", sp+"/edit", url.Values{"amount": {"1h"}, "date": {"2026-06-13"}, "note": {"longer"}, "energy": {"3"}}, 303)
		if loc := w.Header().Get("Location"); loc != fmt.Sprintf("/goals/%d", g.ID) {
			t.Errorf("redirect to %s", loc)
		}
		if flash := e.follow(c, w); !strings.Contains(flash, "is now 1h") {
			t.Errorf("flash %q", flash)
		}
		got, err := svc.Steps.FindStepByID(ctxFor(ann), st.ID)
		if err != nil || got.Amount != 60 || got.Day != stride.NewDate(2026, 6, 13) || got.Note != "longer" || got.Energy == nil || *got.Energy != 3 {
			t.Fatalf("step after the edit %+v, %v", got, err)
		}

		// Another user's step: 404, and unchanged.
		bs := e.step(bob, e.goal(bob, "bobs", "10 min/day"), 5, "bobnote")
		bp := fmt.Sprintf("/steps/%d", bs.ID)
		e.page(c, "GET", bp+"/edit", nil, 404)
		e.page(c, "POST", bp+"/edit", url.Values{"amount": {"9"}}, 404)
		e.page(c, "POST", bp+"/delete", url.Values{"confirm": {"yes"}}, 404)

		e.page(c, "POST", sp+"/delete", nil, 200, "Delete the step of Sat 2026-06-13", `name="confirm"`)
		w = e.page(c, "POST", sp+"/delete", url.Values{"confirm": {"yes"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Deleted the step") {
			t.Errorf("flash %q", flash)
		}
		if _, err := svc.Steps.FindStepByID(ctxFor(ann), st.ID); stride.ErrorCode(err) != stride.ENOTFOUND {
			t.Fatalf("the step is still there: %v", err)
		}
		if _, err := svc.Steps.FindStepByID(ctxFor(bob), bs.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// TestWebSpeaksOfItsPages: what to fix names what the pages offer, not
// the CLI's commands, and counts a password in characters, as the forms
// ask for them.
func TestWebSpeaksOfItsPages(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	c := e.session(ann)
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	gym := e.goal(ann, "gym", "3 times/week")
	walk := e.goal(ann, "walk", "30 min/day")
	st := e.step(ann, walk, 20, "")
	noCLI := func(w *httptest.ResponseRecorder) {
		t.Helper()
		if b := w.Body.String(); strings.Contains(b, "stride undo") || strings.Contains(b, "stride goal") || strings.Contains(b, "stride step") {
			t.Errorf("the answer names a CLI command: %.3000s", b)
		}
	}
	taken := fmt.Sprintf(`A goal named “gym” already exists: pick another name, or <a href="/goals/%d">open gym's page</a> to edit it.`, gym.ID)
	noCLI(e.page(c, "POST", "/goals/new", url.Values{"name": {"GYM"}, "target": {"1 time/day"}}, 422, taken, `id="name-err"`, `value="GYM"`))
	noCLI(e.page(c, "POST", fmt.Sprintf("/goals/%d/edit", walk.ID), url.Values{"name": {"gym"}, "target": {"30 min/day"}}, 422, taken))
	noCLI(e.page(c, "POST", "/goals/new", url.Values{"name": {"run"}, "target": {"5 km/week"}, "milestones": {"10, 0"}}, 422,
		`Milestone &#34;0&#34; must be more than 0: a milestone is a total to reach`))

	takeBack := "to take one back, delete or edit the step on the goal page"
	noCLI(e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), url.Values{"amount": {"0"}, "request_id": {"z-1"}}, 422, "must be more than 0", takeBack))
	noCLI(e.page(c, "POST", fmt.Sprintf("/steps/%d/edit", st.ID), url.Values{"amount": {"0 min"}, "date": {"2026-06-14"}}, 422, takeBack, `id="amount-err"`))

	// The API names no command either.
	w := e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{"name": "Gym", "target": "1 time/day"}})
	wantError(t, w, http.StatusConflict, stride.ECONFLICT, `a goal named "gym" already exists: pick another name, or change that goal instead`)
	noCLI(w)
	w = e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": walk.ID, "amount": "0"}})
	wantError(t, w, http.StatusBadRequest, stride.EINVALID, "to take one back, delete or change it (DELETE or PATCH /api/v1/steps/{id})")
	noCLI(w)

	// A password counts in characters, as the forms say: 8 or more.
	for _, c := range []struct{ pw, says string }{
		{"short", "too short (5 characters): use 8 characters or more"},
		{"日本語の言葉", "too short (6 characters): use 8 characters or more"}, // 18 bytes
		{strings.Repeat("é", 600), "too long (600 characters): use at most 1024 characters, fewer with accents"},
	} {
		if got := passwordProblem(c.pw); !strings.Contains(got, c.says) || strings.Contains(got, "bytes") {
			t.Errorf("password of %d bytes: %q, want %q", len(c.pw), got, c.says)
		}
	}
	if got := passwordProblem("eight ch"); got != "" {
		t.Errorf("8 characters: %q", got)
	}
	pw := url.Values{"current": {testPassword}, "password": {"短いパスワード"}, "password_again": {"短いパスワード"}}
	if w := e.page(c, "POST", "/settings/password", pw, 422, "too short (7 characters): use 8 characters or more"); strings.Contains(w.Body.String(), "bytes") {
		t.Error("the settings count a password in bytes")
	}
}

func TestSettingsPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		c, other := e.session(ann), e.session(ann)
		e.page(c, "GET", "/settings", nil, 200, `name="time_zone"`, "(this device)", "Sign out everywhere", "Europe/Berlin")

		e.page(c, "POST", "/settings", url.Values{"time_zone": {"Mars/Olympus"}, "week_start": {"1"}}, 422, "not a time zone", `value="Mars/Olympus"`)
		w := e.page(c, "POST", "/settings", url.Values{"time_zone": {"Pacific/Auckland"}, "week_start": {"0"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Pacific/Auckland") || !strings.Contains(flash, "Sunday") {
			t.Errorf("flash %q", flash)
		}
		u, err := svc.Users.FindUserByName(ctxFor(ann), "ann")
		if err != nil || u.TimeZone != "Pacific/Auckland" || u.WeekStart != time.Sunday {
			t.Fatalf("user %+v, %v", u, err)
		}
		// Noon UTC is midnight in Auckland: the board's today moved with it.
		e.page(c, "GET", "/", nil, 200, "Tue 2026-06-16")

		// The password: the current one first, the new one twice.
		pw := url.Values{"current": {"not it"}, "password": {"a new long password"}, "password_again": {"a new long password"}}
		e.page(c, "POST", "/settings/password", pw, 422, "not your current password")
		pw.Set("current", testPassword)
		pw.Set("password_again", "something else")
		e.page(c, "POST", "/settings/password", pw, 422, "differ")
		pw.Set("password", "short")
		pw.Set("password_again", "short")
		e.page(c, "POST", "/settings/password", pw, 422, "too short")
		pw.Set("password", "a new long password")
		pw.Set("password_again", "a new long password")
		w = e.page(c, "POST", "/settings/password", pw, 303)
		fresh := sessionFromResponse(t, w)
		if flash := e.follow(fresh, w); !strings.Contains(flash, "password is changed") {
			t.Errorf("flash %q", flash)
		}
		e.page(other, "GET", "/", nil, 303) // the other browser is signed out
		e.page(c, "GET", "/", nil, 303)     // and so is the old cookie of this one
		e.page(fresh, "GET", "/settings", nil, 200)

		// Sign out another device, then this one.
		third := e.session(ann)
		sessions, err := svc.Auth.FindSessions(ctxFor(ann), ann.ID)
		if err != nil || len(sessions) != 2 {
			t.Fatalf("sessions %d, %v", len(sessions), err)
		}
		thirdID := strings.SplitN(third.Value, ".", 2)[0]
		e.page(fresh, "POST", "/settings/sessions/"+thirdID+"/delete", nil, 303)
		e.page(third, "GET", "/", nil, 303)
		bob := e.user("bob")
		bobSession := e.session(bob)
		bobID := strings.SplitN(bobSession.Value, ".", 2)[0]
		e.page(fresh, "POST", "/settings/sessions/"+bobID+"/delete", nil, 404)
		e.page(bobSession, "GET", "/", nil, 200)
		freshID := strings.SplitN(fresh.Value, ".", 2)[0]
		if w := e.page(fresh, "POST", "/settings/sessions/"+freshID+"/delete", nil, 303); w.Header().Get("Location") != "/login" {
			t.Errorf("signing out this device goes to %s", w.Header().Get("Location"))
		}
	})
}

// TestAccountTimesAreLocal: sessions, invites and tokens show their times
// in the user's time zone, as the review does, not the server's.
func TestAccountTimesAreLocal(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{Registration: stride.RegistrationInvite})
	ann := e.user("ann")
	c := e.session(ann) // at noon UTC: midnight of the next day in Auckland
	e.page(c, "POST", "/settings", url.Values{"time_zone": {"Pacific/Auckland"}, "week_start": {"1"}}, 303)
	expires, used := testStart.AddDate(0, 0, 90), testStart
	tok := &stride.Token{UserID: ann.ID, Name: "laptop", Scope: stride.ScopeRead, Last4: "abcd", CreatedAt: testStart, ExpiresAt: &expires, LastUsedAt: &used}
	if err := e.svc.Auth.CreateToken(context.Background(), tok, []byte("hash")); err != nil {
		t.Fatal(err)
	}
	w := e.page(c, "GET", "/settings", nil, 200, "since 16 Jun 2026 · last seen 16 Jun 2026 00:00")
	if strings.Contains(w.Body.String(), "15 Jun 2026") {
		t.Error("the settings show a session's times in UTC")
	}
	if w := e.page(c, "POST", "/settings/invites", nil, 200, "23 Jun 2026 00:00"); strings.Contains(w.Body.String(), "22 Jun 2026 12:00") {
		t.Error("the new invite link's expiry is in UTC")
	}
	w = e.page(c, "GET", "/tokens", nil, 200, "made 16 Jun 2026 · expires 14 Sep 2026 · last used 16 Jun 2026")
	if strings.Contains(w.Body.String(), "15 Jun 2026") || strings.Contains(w.Body.String(), "13 Sep 2026") {
		t.Error("the tokens page shows UTC days")
	}
}

func TestTokenPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		e.page(c, "GET", "/tokens", nil, 200, "No tokens yet", `value="read_write"`, "never")
		e.page(c, "POST", "/tokens", url.Values{"name": {""}, "scope": {"read"}, "expires": {"30"}}, 422, "a token needs")
		e.page(c, "POST", "/tokens", url.Values{"name": {"x"}, "scope": {"admin"}, "expires": {"30"}}, 422, "scope")
		w := e.page(c, "POST", "/tokens", url.Values{"name": {"laptop"}, "scope": {"read"}, "expires": {"90"}}, 200, "only time it is shown", "stride_", "read only")
		body := w.Body.String()
		i := strings.Index(body, `id="token-secret">`) + len(`id="token-secret">`)
		secret := body[i : i+strings.Index(body[i:], "<")]
		// The token works, read-only, and the list never shows it again.
		if w := e.do(req{method: "GET", path: "/api/v1/me", token: secret}); w.Code != 200 {
			t.Fatalf("the new token does not work: %d", w.Code)
		}
		if w := e.do(req{method: "POST", path: "/api/v1/goals", token: secret, body: map[string]any{"name": "x", "target": "1 time/day"}}); w.Code != 403 {
			t.Fatalf("a read-only token wrote: %d", w.Code)
		}
		w = e.page(c, "GET", "/tokens", nil, 200, "laptop", "expires 13 Sep 2026", "…"+secret[len(secret)-4:])
		if strings.Contains(w.Body.String(), secret) {
			t.Fatal("the token list shows the secret again")
		}
		e.page(c, "POST", "/tokens", url.Values{"name": {"script"}, "scope": {"read_write"}, "expires": {"never"}}, 200, "never expires")

		tokens, err := svc.Auth.FindTokens(ctxFor(ann), ann.ID)
		if err != nil || len(tokens) != 2 {
			t.Fatalf("tokens %d, %v", len(tokens), err)
		}
		_, bobs := e.token(bob, stride.ScopeRead)
		e.page(c, "POST", fmt.Sprintf("/tokens/%d/revoke", bobs.ID), nil, 404)
		w = e.page(c, "POST", fmt.Sprintf("/tokens/%d/revoke", tokens[1].ID), nil, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "revoked") {
			t.Errorf("flash %q", flash)
		}
		if w := e.do(req{method: "GET", path: "/api/v1/me", token: secret}); w.Code != 401 {
			t.Fatalf("a revoked token works: %d", w.Code)
		}
	})
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{"/": "/", "/goals/3": "/goals/3", "//evil.example": "/", "https://evil.example": "/", "/\\evil": "/", "": "/"} {
		if got := localPath(in, "/"); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
