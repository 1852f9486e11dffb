package http

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
	"github.com/strideapp/stride/words"
)

// The pages of the reflection records (issue 4): lessons, doubts, focus,
// works, wins and the weekly review, and what the goal page and the step
// forms gained. Each page and action: the happy path, what to fix (4xx,
// the form again with a note beside the field) and another user's record
// (404).

func TestLessonPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		walk := e.goal(ann, "walk", "30 min/day")
		bobs := e.goal(bob, "bobs", "1 time/day")

		e.page(c, "GET", "/lessons", nil, 200, "No lessons yet", `href="/lessons/new"`, "Themes you give your lessons")
		e.page(c, "GET", fmt.Sprintf("/lessons/new?goal=%d", walk.ID), nil, 200, "What did you want?", "What happened?",
			"What could you do?", "What will you do next?", fmt.Sprintf(`<option value="%d" selected>walk</option>`, walk.ID),
			`value="2026-06-15"`, `class="grow-letter" aria-hidden="true">W<`)

		// What to fix comes back beside the field, with the values kept.
		e.page(c, "POST", "/lessons/new", url.Values{"themes": {"time"}}, 422, "at least one answer", `id="wanted-err"`, `value="time"`)
		e.page(c, "POST", "/lessons/new", url.Values{"happened": {"rain"}, "themes": {strings.Repeat("x", 41)}}, 422, `id="themes-err"`, "too long", ">rain</textarea>")
		e.page(c, "POST", "/lessons/new", url.Values{"happened": {"rain"}, "date": {"someday"}}, 422, `id="date-err"`)
		e.page(c, "POST", "/lessons/new", url.Values{"happened": {"rain"}, "goal": {fmt.Sprint(bobs.ID)}}, 422, `id="goal-err"`)
		e.page(c, "POST", "/lessons/new", url.Values{"happened": {strings.Repeat("y", 4001)}}, 422, `id="happened-err"`, "keep it under 4000")

		w := e.page(c, "POST", "/lessons/new", url.Values{"goal": {fmt.Sprint(walk.ID)}, "wanted": {"walk every day"},
			"happened": {"a deadline took two evenings"}, "options": {"walk at lunch"}, "next": {"a 10-minute walk at lunch"},
			"themes": {"Time, energy"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Your lesson is saved") {
			t.Errorf("flash %q", flash)
		}
		lp := w.Header().Get("Location")
		e.page(c, "GET", lp, nil, 200, "walk every day", "a deadline took two evenings", "a 10-minute walk at lunch",
			`href="/lessons?theme=time"`, "energy", fmt.Sprintf(`href="/goals/%d"`, walk.ID))
		e.page(c, "POST", "/lessons/new", url.Values{"happened": {"travel week"}, "themes": {"time, travel"}, "date": {"2026-06-10"}}, 303)

		// The list and the recurring themes, most frequent first.
		w = e.page(c, "GET", "/lessons", nil, 200, "a 10-minute walk at lunch", "travel week", "came up 2 times, in walk", "once so far")
		if body := w.Body.String(); strings.Index(body, ">time</a>") > strings.Index(body, ">travel</a>") {
			t.Error("the most frequent theme is not listed first")
		}
		w = e.page(c, "GET", "/lessons?theme=travel", nil, 200, "Lessons on “travel”", "travel week", `aria-current="page">travel`)
		if strings.Contains(w.Body.String(), "a 10-minute walk at lunch") {
			t.Error("the theme filter shows a lesson without the theme")
		}

		// Edit, with what to fix first.
		e.page(c, "GET", lp+"/edit", nil, 200, ">walk every day</textarea>", `value="time, energy"`)
		e.page(c, "POST", lp+"/edit", url.Values{"themes": {"time"}}, 422, "at least one answer", "Nothing is changed yet")
		w = e.page(c, "POST", lp+"/edit", url.Values{"goal": {""}, "next": {"walk before work"}, "themes": {"mornings"}, "date": {"2026-06-14"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "saved") {
			t.Errorf("edit flash %q", flash)
		}
		e.page(c, "GET", lp, nil, 200, "walk before work", "Sun 2026-06-14", "mornings", "Not answered.")

		// Another user's lesson is not found anywhere.
		bl := &stride.Lesson{Day: stride.DateOf(testStart), Happened: "bobnote", Themes: []string{"bobtheme"}}
		if err := svc.Lessons.CreateLesson(ctxFor(bob), bl); err != nil {
			t.Fatal(err)
		}
		bp := fmt.Sprintf("/lessons/%d", bl.ID)
		e.page(c, "GET", bp, nil, 404)
		e.page(c, "GET", bp+"/edit", nil, 404)
		e.page(c, "POST", bp+"/edit", url.Values{"happened": {"x"}}, 404)
		e.page(c, "POST", bp+"/delete", url.Values{"confirm": {"yes"}}, 404)
		e.page(c, "GET", "/lessons/nope", nil, 404)
		if w := e.page(c, "GET", "/lessons", nil, 200); strings.Contains(w.Body.String(), "bob") {
			t.Error("the lessons page shows another user's lesson or theme")
		}

		// Delete asks first, without JavaScript.
		e.page(c, "POST", lp+"/delete", nil, 200, "Delete the lesson of Sun 2026-06-14?", `name="confirm" value="yes"`)
		w = e.page(c, "POST", lp+"/delete", url.Values{"confirm": {"yes"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Deleted the lesson") {
			t.Errorf("delete flash %q", flash)
		}
		e.page(c, "GET", lp, nil, 404)
		if _, err := svc.Lessons.FindLessonByID(ctxFor(bob), bl.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFormLimitsCountCharacters: the forms' limits count characters, as
// their maxlength does: 1,500 characters of Japanese (4,500 bytes) fit a
// lesson's answer and a step's note, and 2,001 of them are refused beside
// the field with the count a person sees.
func TestFormLimitsCountCharacters(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		c := e.session(ann)
		g := e.goal(ann, "read", "20 pages/week")
		wide := strings.Repeat("語", 1500)
		e.page(c, "POST", "/lessons/new", url.Values{"happened": {wide}}, 303)
		gp := fmt.Sprintf("/goals/%d", g.ID)
		e.page(c, "POST", gp+"/steps", url.Values{"amount": {"12"}, "learned": {strings.Repeat("語", 2001)}}, 422, "What you learned has 2001 characters")
		e.page(c, "POST", gp+"/steps", url.Values{"amount": {"12"}, "note": {wide}, "learned": {wide}}, 303)
	})
}

func TestDoubtPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		e.page(c, "GET", "/doubts", nil, 200, "No doubts written down yet")
		e.page(c, "GET", "/doubts/new", nil, 200, "Your record is just beginning")

		// The evidence prompts come from the user's own record.
		run := e.goal(ann, "running", "3 times/week")
		for d := 1; d <= 14; d++ {
			s := &stride.Step{GoalID: run.ID, Day: stride.DateOf(testStart).AddDays(-2 * d), Amount: 1}
			if _, err := svc.Steps.CreateStep(ctxFor(ann), s); err != nil {
				t.Fatal(err)
			}
		}
		e.step(bob, e.goal(bob, "bobs", "1 time/day"), 1, "")
		w := e.page(c, "GET", "/doubts/new", nil, 200, "You logged 14 steps for running in the last 30 days.",
			"What is the evidence against it?", "A kinder way to say it?")
		if strings.Contains(w.Body.String(), "bobs") {
			t.Error("the evidence counts another user's steps")
		}

		e.page(c, "POST", "/doubts/new", url.Values{"text": {"  "}, "against": {"I ran"}}, 422, `id="text-err"`, "in your own words", ">I ran</textarea>")
		e.page(c, "POST", "/doubts/new", url.Values{"text": {"x"}, "reframe": {strings.Repeat("r", 4001)}}, 422, `id="reframe-err"`)
		w = e.page(c, "POST", "/doubts/new", url.Values{"text": {"I am not a runner"}, "against": {"14 runs in a month"},
			"reframe": {"I am someone who runs"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Written down") {
			t.Errorf("flash %q", flash)
		}
		dp := w.Header().Get("Location")
		e.page(c, "GET", dp, nil, 200, "“I am not a runner”", "14 runs in a month", "I am someone who runs", "Does it still hold?")
		e.page(c, "GET", "/doubts", nil, 200, "I am not a runner", "I am someone who runs")

		// Revisit: does it still hold?
		e.page(c, "POST", dp+"/revisit", url.Values{"note": {"hm"}}, 422, `id="holds-err"`, ">hm</textarea>")
		w = e.page(c, "POST", dp+"/revisit", url.Values{"holds": {"no"}, "note": {"ran a 5k"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "no longer holds") {
			t.Errorf("revisit flash %q", flash)
		}
		e.page(c, "GET", dp, nil, 200, "no longer holds", "ran a 5k", "Mon 2026-06-15")
		e.page(c, "GET", "/doubts", nil, 200, "no longer holds on Mon 2026-06-15")

		// Edit.
		e.page(c, "GET", dp+"/edit", nil, 200, ">I am not a runner</textarea>", "You logged 14 steps")
		e.page(c, "POST", dp+"/edit", url.Values{"text": {""}}, 422, `id="text-err"`)
		e.page(c, "POST", dp+"/edit", url.Values{"text": {"I am not a real runner"}, "against": {"14 runs"}, "date": {"2026-06-14"}}, 303)
		e.page(c, "GET", dp, nil, 200, "I am not a real runner", "Sun 2026-06-14")

		// Another user's doubt.
		bd := &stride.Doubt{Day: stride.DateOf(testStart), Text: "bobnote"}
		if err := svc.Doubts.CreateDoubt(ctxFor(bob), bd); err != nil {
			t.Fatal(err)
		}
		bp := fmt.Sprintf("/doubts/%d", bd.ID)
		e.page(c, "GET", bp, nil, 404)
		e.page(c, "GET", bp+"/edit", nil, 404)
		e.page(c, "POST", bp+"/edit", url.Values{"text": {"x"}}, 404)
		e.page(c, "POST", bp+"/revisit", url.Values{"holds": {"yes"}}, 404)
		e.page(c, "POST", bp+"/delete", url.Values{"confirm": {"yes"}}, 404)
		if got, err := svc.Doubts.FindDoubtByID(ctxFor(bob), bd.ID); err != nil || len(got.Revisits) != 0 {
			t.Fatalf("bob's doubt %+v, %v", got, err)
		}

		e.page(c, "POST", dp+"/delete", nil, 200, "Delete the doubt of Sun 2026-06-14?", "I am not a real runner")
		e.page(c, "POST", dp+"/delete", url.Values{"confirm": {"yes"}}, 303)
		e.page(c, "GET", dp, nil, 404)
	})
}

func TestFocusPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		e.goal(ann, "walk", "30 min/day")
		e.page(c, "GET", "/", nil, 200, "Today's focus", "What is the one task that matters most today?", `action="/focus"`)

		// What to fix, on the board it was sent from.
		w := e.page(c, "POST", "/focus", url.Values{"text": {" "}, "back": {"/"}}, 422, `id="focus-text-err"`, "a focus needs a task", `id="card-`)
		if !strings.Contains(w.Body.String(), "<h1>Today") {
			t.Error("a focus to fix on the board does not show the board")
		}
		e.page(c, "POST", "/focus", url.Values{"text": {strings.Repeat("f", 501)}, "back": {"/focus"}}, 422, `id="focus-text-err"`, "<h1>Focus")

		w = e.page(c, "POST", "/focus", url.Values{"text": {"draft the intro"}, "back": {"/"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "focus: draft the intro") {
			t.Errorf("flash %q", flash)
		}
		f, err := svc.Focus.FindFocusByDay(ctxFor(ann), stride.DateOf(testStart))
		if err != nil {
			t.Fatal(err)
		}
		fp := fmt.Sprintf("/focus/%d", f.ID)
		e.page(c, "GET", "/", nil, 200, `<p class="focus-text">draft the intro`, `action="`+fp+`/done"`, "Change it")

		// The next day the unfinished focus is offered again, without blame.
		e.advance(24 * time.Hour)
		w = e.page(c, "GET", "/", nil, 200, "“draft the intro” from Mon 2026-06-15 is still open", "Carry it over", `action="`+fp+`/carry"`)
		for _, bad := range []string{"missed", "failed", "didn't", "should have"} {
			if strings.Contains(strings.ToLower(w.Body.String()), bad) {
				t.Errorf("the board says %q about an open focus", bad)
			}
		}
		w = e.page(c, "POST", fp+"/carry", url.Values{"back": {"/"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Carried over: draft the intro") {
			t.Errorf("carry flash %q", flash)
		}
		today, err := svc.Focus.FindFocusByDay(ctxFor(ann), stride.DateOf(testStart).AddDays(1))
		if err != nil || today.Text != "draft the intro" || today.CarriedFrom == nil || *today.CarriedFrom != stride.DateOf(testStart) {
			t.Fatalf("carried focus %+v, %v", today, err)
		}
		e.page(c, "GET", "/", nil, 200, "carried over from Mon 2026-06-15")
		// Rewording keeps it one focus a day.
		e.page(c, "POST", "/focus", url.Values{"text": {"draft the intro, first half"}, "back": {"/"}}, 303)
		tp := fmt.Sprintf("/focus/%d", today.ID)
		w = e.page(c, "POST", tp+"/done", url.Values{"back": {"/"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Done") {
			t.Errorf("done flash %q", flash)
		}
		w = e.page(c, "GET", "/", nil, 200, "draft the intro, first half", "(done)")
		if strings.Contains(w.Body.String(), "/done\"") {
			t.Error("a done focus still offers Done")
		}
		// A carry sent from an older page (yesterday's focus is still
		// open) keeps the focus today already has.
		w = e.page(c, "POST", fp+"/carry", url.Values{"back": {"/"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Today already has a focus") {
			t.Errorf("a second carry's flash %q", flash)
		}
		if got, err := svc.Focus.FindFocusByID(ctxFor(ann), today.ID); err != nil || got.Text != "draft the intro, first half" || !got.Done {
			t.Fatalf("a second carry replaced today's focus: %+v, %v", got, err)
		}

		// The history: both days, the latest first.
		w = e.page(c, "GET", "/focus", nil, 200, "Tue 2026-06-16", "Mon 2026-06-15", "carried over from Mon 2026-06-15")
		if b := w.Body.String(); strings.Index(b, `<span class="meta">Tue 2026-06-16`) > strings.Index(b, `<span class="meta">Mon 2026-06-15`) {
			t.Error("the focus history is not newest first")
		}

		// Another user's focus.
		bf := &stride.Focus{Day: stride.DateOf(testStart), Text: "bobnote"}
		if err := svc.Focus.SetFocus(ctxFor(bob), bf); err != nil {
			t.Fatal(err)
		}
		bp := fmt.Sprintf("/focus/%d", bf.ID)
		for _, a := range []string{"/done", "/carry", "/delete"} {
			e.page(c, "POST", bp+a, url.Values{"confirm": {"yes"}}, 404)
		}
		if got, err := svc.Focus.FindFocusByID(ctxFor(bob), bf.ID); err != nil || got.Done {
			t.Fatalf("bob's focus %+v, %v", got, err)
		}
		if w := e.page(c, "GET", "/focus", nil, 200); strings.Contains(w.Body.String(), "bobnote") {
			t.Error("the focus page shows another user's focus")
		}

		e.page(c, "POST", fp+"/delete", nil, 200, "Delete the focus of Mon 2026-06-15?")
		e.page(c, "POST", fp+"/delete", url.Values{"confirm": {"yes"}}, 303)
		if _, err := svc.Focus.FindFocusByID(ctxFor(ann), f.ID); stride.ErrorCode(err) != stride.ENOTFOUND {
			t.Fatalf("the focus is still there: %v", err)
		}
	})
}

func TestWorkPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		write := e.goal(ann, "write", "20 min/day")
		e.page(c, "GET", "/works", nil, 200, "No works yet")
		e.page(c, "GET", fmt.Sprintf("/works/new?goal=%d", write.ID), nil, 200, `name="done_when"`, fmt.Sprintf(`<option value="%d" selected>write</option>`, write.ID))

		e.page(c, "POST", "/works/new", url.Values{"name": {""}}, 422, `id="name-err"`, "a work needs a name")
		e.page(c, "POST", "/works/new", url.Values{"name": {"essay"}, "nudge_after": {"0"}}, 422, `id="nudge_after-err"`, `value="essay"`)
		w := e.page(c, "POST", "/works/new", url.Values{"name": {"essay"}, "goal": {fmt.Sprint(write.ID)}, "done_when": {"a friend has read it"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "essay is started") {
			t.Errorf("flash %q", flash)
		}
		wp := w.Header().Get("Location")
		e.page(c, "POST", "/works/new", url.Values{"name": {"Essay"}}, 422, `id="name-err"`)
		e.page(c, "GET", wp, nil, 200, "version 1, no iterations yet", "a friend has read it", "Mark done-when met", "Nothing logged yet", "Ship version 1")

		// Iterations, with what to fix first; three unshipped earn a kind nudge.
		e.page(c, "POST", wp+"/iterate", url.Values{"changed": {" "}, "feedback": {"keep"}}, 422, `id="changed-err"`, ">keep</textarea>")
		e.page(c, "POST", wp+"/iterate", url.Values{"changed": {"x"}, "effort": {"lots"}}, 422, `id="effort-err"`)
		for i, what := range []string{"first draft", "tightened the opening", "new ending"} {
			w = e.page(c, "POST", wp+"/iterate", url.Values{"changed": {what}, "feedback": {"reads well"}, "effort": {"45"}}, 303)
			flash := e.follow(c, w)
			if !strings.Contains(flash, "Iteration logged for essay") || (i == 2) != strings.Contains(flash, "3 iterations so far") {
				t.Errorf("iteration %d flash %q", i, flash)
			}
		}
		w = e.page(c, "GET", wp, nil, 200, "version 1, 3 iterations", "3 iterations so far", "share it with someone", "tightened the opening",
			"Feedback: reads well", "45 min of effort")
		for _, bad := range []string{"failed", "too long", "should have", "overdue"} {
			if strings.Contains(strings.ToLower(w.Body.String()), bad) {
				t.Errorf("the work page says %q", bad)
			}
		}
		e.page(c, "GET", "/works", nil, 200, "essay", "write", "ready to share?")

		// Ship; shipping again asks for an iteration first; iterating starts version 2.
		w = e.page(c, "POST", wp+"/ship", url.Values{"note": {"sent to Kim"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Shipped essay") {
			t.Errorf("ship flash %q", flash)
		}
		w = e.page(c, "POST", wp+"/ship", nil, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "already shipped") {
			t.Errorf("ship again flash %q", flash)
		}
		e.page(c, "GET", wp, nil, 200, "version 1, shipped", "Shipped</strong>: sent to Kim", "Start version 2")
		w = e.page(c, "POST", wp+"/iterate", url.Values{"changed": {"Kim's notes"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Version 2 of essay is started") {
			t.Errorf("version 2 flash %q", flash)
		}
		w = e.page(c, "GET", wp, nil, 200, "Version 2", "Version 1", "Kim&#39;s notes")
		if b := w.Body.String(); strings.Index(b, "<h3>Version 2") > strings.Index(b, "<h3>Version 1") {
			t.Error("the refinement log does not show the latest version first")
		}

		// Done-when met: the nudge says it may be ready; the mark can be undone.
		w = e.page(c, "POST", wp+"/met", nil, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "is met") {
			t.Errorf("met flash %q", flash)
		}
		e.page(c, "GET", wp, nil, 200, "Met on Mon 2026-06-15", "it may be ready to ship", "Not met after all")
		e.page(c, "POST", wp+"/met", url.Values{"met": {"no"}}, 303)
		e.page(c, "GET", wp, nil, 200, "Mark done-when met")

		// Edit.
		e.page(c, "GET", wp+"/edit", nil, 200, `value="essay"`, `value="a friend has read it"`)
		e.page(c, "POST", wp+"/edit", url.Values{"name": {"essay"}, "nudge_after": {"many"}}, 422, `id="nudge_after-err"`)
		e.page(c, "POST", wp+"/edit", url.Values{"name": {"essay on rest"}, "goal": {""}, "nudge_after": {"5"}, "done_when": {"a friend has read it"}}, 303)
		e.page(c, "GET", wp, nil, 200, "essay on rest", "a friend has read it")
		e.page(c, "POST", wp+"/edit", url.Values{"name": {"essay on rest"}, "done_when": {""}}, 303)
		e.page(c, "GET", wp, nil, 200, "No done-when yet")
		e.page(c, "POST", wp+"/met", nil, 422, "has no done-when yet")

		// Another user's work.
		bw := &stride.Work{Name: "bobnote"}
		if err := svc.Works.CreateWork(ctxFor(bob), bw); err != nil {
			t.Fatal(err)
		}
		bp := fmt.Sprintf("/works/%d", bw.ID)
		e.page(c, "GET", bp, nil, 404)
		e.page(c, "GET", bp+"/edit", nil, 404)
		for _, a := range []string{"/edit", "/iterate", "/ship", "/met", "/delete"} {
			e.page(c, "POST", bp+a, url.Values{"name": {"x"}, "changed": {"x"}, "confirm": {"yes"}}, 404)
		}
		if got, err := svc.Works.FindWorkByID(ctxFor(bob), bw.ID); err != nil || len(got.Iterations) != 0 || got.Name != "bobnote" {
			t.Fatalf("bob's work %+v, %v", got, err)
		}

		e.page(c, "POST", wp+"/delete", nil, 200, "Delete essay on rest?")
		e.page(c, "POST", wp+"/delete", url.Values{"confirm": {"yes"}}, 303)
		e.page(c, "GET", wp, nil, 404)
	})
}

func TestWinsPageAndStepWins(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		c := e.session(ann)
		e.page(c, "GET", "/wins", nil, 200, "No celebrations in this stretch yet", `value="2026-05-17"`, "The last 30 days, newest first")
		walk := e.goal(ann, "walk", "30 min/day")
		if _, err := svc.Goals.UpdateGoal(ctxFor(ann), walk.ID, stride.GoalUpdate{Milestones: &[]float64{60}}); err != nil {
			t.Fatal(err)
		}

		// The first step is celebrated where it was logged: in the flash
		// without JavaScript, in the card with htmx.
		w := e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), url.Values{"amount": {"30"}, "learned": {"mornings are easier"}}, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "Logged 30 min for walk") || !strings.Contains(flash, "First step for walk") {
			t.Errorf("first step flash %q", flash)
		}
		hx := req{method: "POST", path: fmt.Sprintf("/goals/%d/steps", walk.ID), cookie: c, body: url.Values{"amount": {"40"}},
			header: map[string]string{"Sec-Fetch-Site": "same-origin", "HX-Request": "true"}}
		w = e.do(hx)
		if w.Code != 200 || !strings.Contains(w.Body.String(), `<span class="win">`) || !strings.Contains(w.Body.String(), "Milestone for walk: 1h in all") {
			t.Fatalf("htmx milestone %d: %s", w.Code, w.Body)
		}
		w = e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), url.Values{"amount": {"5"}}, 303)
		if flash := e.follow(c, w); strings.Contains(flash, "First step") || strings.Contains(flash, "Milestone") {
			t.Errorf("an ordinary step is celebrated: %q", flash)
		}
		steps, err := svc.Steps.FindSteps(ctxFor(ann), stride.StepFilter{GoalID: &walk.ID})
		if err != nil || len(steps) != 3 || steps[0].Learned != "mornings are easier" {
			t.Fatalf("steps %+v, %v", steps, err)
		}

		e.page(c, "GET", "/wins", nil, 200, "June 2026", "First step for walk", fmt.Sprintf(`href="/goals/%d">walk</a>`, walk.ID))
		e.page(c, "GET", "/wins?since=today", nil, 200, "First step for walk", "since Mon 2026-06-15", "Newest first.")
		e.page(c, "GET", "/wins?since=someday", nil, 400, `id="since-err"`, "not understood", `value="someday"`)
		e.page(c, "GET", "/wins?since=2026-07-01", nil, 400, "after today")
	})
}

func TestGoalPageReflection(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		g := e.goal(ann, "read", "20 pages/week")
		if _, err := svc.Goals.UpdateGoal(ctxFor(ann), g.ID, stride.GoalUpdate{DoneWhen: new("the book is finished")}); err != nil {
			t.Fatal(err)
		}
		gp := fmt.Sprintf("/goals/%d", g.ID)

		// The step forms carry what was learned; the journal shows it.
		e.page(c, "GET", "/", nil, 200, `name="learned"`, "What I learned")
		e.page(c, "POST", gp+"/steps", url.Values{"amount": {"12"}, "note": {"chapter 3"}, "learned": {strings.Repeat("l", 2001)}}, 422, "What you learned has 2001 characters")
		e.page(c, "POST", gp+"/steps", url.Values{"amount": {"12"}, "note": {"chapter 3"}, "learned": {"short chapters keep me going"}}, 303)
		st, err := svc.Steps.FindSteps(ctxFor(ann), stride.StepFilter{GoalID: &g.ID})
		if err != nil || len(st) != 1 {
			t.Fatal(len(st), err)
		}
		sp := fmt.Sprintf("/steps/%d", st[0].ID)
		e.page(c, "GET", sp+"/edit", nil, 200, ">short chapters keep me going</textarea>")
		e.page(c, "POST", sp+"/edit", url.Values{"amount": {"12"}, "date": {"2026-06-15"}, "note": {"chapter 3"}, "learned": {"reading before bed works"}}, 303)
		lesson := &stride.Lesson{GoalID: &g.ID, Day: stride.NewDate(2026, 6, 12), Happened: "a busy week", Next: "read on the train"}
		if err := svc.Lessons.CreateLesson(ctxFor(ann), lesson); err != nil {
			t.Fatal(err)
		}
		w := e.page(c, "GET", gp, nil, 200, "Journal", "chapter 3", "Learned:</span> reading before bed works", "read on the train",
			fmt.Sprintf(`href="/lessons/%d"`, lesson.ID), fmt.Sprintf(`href="/lessons/new?goal=%d"`, g.ID),
			"How far you've come", "After eight weeks", "Mark done-when met", "the book is finished")
		if b := w.Body.String(); strings.Index(b, "reading before bed works") > strings.Index(b, "read on the train") {
			t.Error("the journal is not newest first")
		}

		// Done-when met: the page says so and suggests finishing.
		w = e.page(c, "POST", gp+"/met", nil, 303)
		if flash := e.follow(c, w); !strings.Contains(flash, "is met") {
			t.Errorf("met flash %q", flash)
		}
		e.page(c, "GET", gp, nil, 200, "Done when: met", "You set out for “the book is finished”, and you got there on Mon 2026-06-15",
			"Mark read done", "Not met after all")
		// Edited again and again after: a gentle "good enough?".
		for _, why := range []string{"one", "two"} {
			e.page(c, "POST", gp+"/edit", url.Values{"name": {"read"}, "target": {"20 pages/week"}, "why": {why}, "done_when": {"the book is finished"}}, 303)
		}
		e.page(c, "GET", gp, nil, 200, "Is it good enough already?")
		e.page(c, "POST", gp+"/met", url.Values{"met": {"no"}}, 303)
		e.page(c, "GET", gp, nil, 200, "Mark done-when met")

		// How far: with eight weeks of record, the first four beside the last four.
		old := &stride.Goal{Name: "walk", Unit: "min", Target: stride.Target{From: stride.NewDate(2026, 3, 2), Amount: 30, Unit: "min", Per: stride.PerDay},
			Start: stride.NewDate(2026, 3, 2)}
		old.Targets = []stride.Target{old.Target}
		if err := svc.Goals.CreateGoal(ctxFor(ann), old); err != nil {
			t.Fatal(err)
		}
		var steps []*stride.Step
		for d := old.Start; d < stride.DateOf(testStart); d++ {
			amount := 10.0
			if d > stride.DateOf(testStart).AddDays(-28) {
				amount = 25
			}
			steps = append(steps, &stride.Step{GoalID: old.ID, Day: d, Amount: amount})
		}
		if err := svc.Steps.CreateSteps(ctxFor(ann), steps); err != nil {
			t.Fatal(err)
		}
		e.page(c, "GET", fmt.Sprintf("/goals/%d", old.ID), nil, 200, "From 1h10m a week in your first four weeks to 2h47m a week in your last four.")

		e.page(c, "POST", fmt.Sprintf("/goals/%d/met", old.ID), nil, 422, "has no done-when yet")
		bobs := e.goal(bob, "bobs", "1 time/day")
		e.page(c, "POST", fmt.Sprintf("/goals/%d/met", bobs.ID), nil, 404)
		if got, err := svc.Goals.FindGoalByID(ctxFor(bob), bobs.ID); err != nil || got.DoneWhenMet != nil {
			t.Fatalf("bob's goal %+v, %v", got, err)
		}
	})
}

// reviewWeekData is a fixed week for ann, Mon 2026-06-08 to Sun
// 2026-06-14 (the week before the test's today): two goals with steps, two
// lessons, two days of focus and a work iterated and shipped.
func reviewWeekData(t *testing.T, e *testEnv, ann *stride.User) {
	t.Helper()
	ctx, svc := ctxFor(ann), e.svc
	walk := e.goal(ann, "walk", "30 min/day")
	stretch := e.goal(ann, "stretch", "daily")
	d := func(day int) stride.Date { return stride.NewDate(2026, 6, day) }
	effort := 50.0
	steps := []*stride.Step{
		{GoalID: walk.ID, Day: d(8), Amount: 30},
		{GoalID: walk.ID, Day: d(9), Amount: 20},
		{GoalID: walk.ID, Day: d(11), Amount: 45, Effort: &effort, Note: "the long loop"},
		{GoalID: stretch.ID, Day: d(8), Amount: 1},
		{GoalID: stretch.ID, Day: d(10), Amount: 1},
	}
	if err := svc.Steps.CreateSteps(ctx, steps); err != nil {
		t.Fatal(err)
	}
	for _, l := range []*stride.Lesson{
		{GoalID: &walk.ID, Day: d(10), Happened: "rain all day", Next: "walk indoors at the mall", Themes: []string{"weather", "time"}},
		{Day: d(12), Happened: "late meeting", Next: "walk at lunch", Themes: []string{"time"}},
	} {
		if err := svc.Lessons.CreateLesson(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []*stride.Focus{{Day: d(8), Text: "plan the week"}, {Day: d(9), Text: "call the bank"}} {
		if err := svc.Focus.SetFocus(ctx, f); err != nil {
			t.Fatal(err)
		}
		if f.Text == "plan the week" {
			if _, err := svc.Focus.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: new(true)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	w := &stride.Work{Name: "essay"}
	if err := svc.Works.CreateWork(ctx, w); err != nil {
		t.Fatal(err)
	}
	drafting := 45.0
	for _, it := range []*stride.Iteration{
		{Kind: stride.IterationChange, Day: d(9), Changed: "first draft", Effort: &drafting},
		{Kind: stride.IterationShip, Day: d(12), Note: "to Kim"},
	} {
		if _, err := svc.Works.AddIteration(ctx, w.ID, it); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReviewPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		e.page(c, "GET", "/reviews", nil, 200, "No reviews yet")
		// on a Monday, as stride review, the review looks back at the week just past
		e.page(c, "GET", "/review", nil, 200, "Mon 2026-06-08 to Sun 2026-06-14", "A quiet week in the record", "No focus set this week")
		e.page(c, "GET", "/review?week=2026-06-15", nil, 200, "Mon 2026-06-15 to Sun 2026-06-21")
		reviewWeekData(t, e, ann)

		// The summary and the four prompts, together, for any day of the week.
		w := e.page(c, "GET", "/review?week=2026-06-10", nil, 200,
			"Mon 2026-06-08 to Sun 2026-06-14",
			`<input type="hidden" name="week" value="2026-06-08">`,
			">walk</a>", "1h35m/3h30m, momentum 0% → 11%, 3 steps, 50 min of effort",
			"First step for walk", "You shipped essay",
			">stretch</a>", "2/7 times, momentum 0% → 8%, 2 steps",
			"Your effort counts: 50 min this week.",
			"1 of 2 focus tasks done.", "plan the week", "call the bank",
			"walk indoors at the mall", "walk at lunch", "Themes: time ×2, weather ×1",
			">essay</a>: 1 iteration, 45 min of effort, shipped version 1",
			"What went well?", "What did you learn?", "What got in the way?", "Next week&#39;s one key focus?",
			"It will be the focus of Mon 2026-06-15.",
			`href="/review?week=2026-06-01"`, `href="/review?week=2026-06-15"`)
		for _, bad := range []string{"failed", "missed", "broke", "should have", "lazy"} {
			if strings.Contains(strings.ToLower(w.Body.String()), bad) {
				t.Errorf("the review says %q", bad)
			}
		}

		// What to fix, the answers kept; bad weeks.
		long := url.Values{"week": {"2026-06-08"}, "went_well": {"three walks"}, "next_focus": {strings.Repeat("f", 501)}}
		e.page(c, "POST", "/review", long, 422, `id="next_focus-err"`, ">three walks</textarea>", "1h35m/3h30m")
		e.page(c, "GET", "/review?week=nonsense", nil, 400)
		e.page(c, "GET", "/review?week=2026-06-22", nil, 400, "has not begun yet")
		e.page(c, "POST", "/review", url.Values{"week": {"2026-07-01"}}, 400)

		w = e.page(c, "POST", "/review", url.Values{"week": {"2026-06-10"}, "went_well": {"three walks"}, "learned": {"lunch walks fit"},
			"obstacles": {"rain"}, "next_focus": {"book the physio"}}, 303)
		if loc := w.Header().Get("Location"); loc != "/reviews/2026-06-08" {
			t.Errorf("redirect to %s", loc)
		}
		if flash := e.follow(c, w); !strings.Contains(flash, "Your review of the week of Mon 2026-06-08 is saved") ||
			!strings.Contains(flash, "focus is set for Mon 2026-06-15") {
			t.Errorf("flash %q", flash)
		}
		rv, err := svc.Reviews.FindReviewByWeek(ctxFor(ann), stride.NewDate(2026, 6, 8))
		if err != nil || rv.Learned != "lunch walks fit" || rv.Summary == nil || rv.Summary.Steps != 5 {
			t.Fatalf("review %+v, %v", rv, err)
		}
		f, err := svc.Focus.FindFocusByDay(ctxFor(ann), stride.NewDate(2026, 6, 15))
		if err != nil || f.Text != "book the physio" {
			t.Fatalf("next week's focus %+v, %v", f, err)
		}
		e.page(c, "GET", "/", nil, 200, `<p class="focus-text">book the physio`)

		// Saving the review again keeps a focus changed since, and so does a
		// new next focus: a focus the user set themselves (done, maybe) is
		// never replaced by a review, which says so.
		monday := stride.NewDate(2026, 6, 15)
		if err := svc.Focus.SetFocus(ctxFor(ann), &stride.Focus{Day: monday, Text: "call the physio instead"}); err != nil {
			t.Fatal(err)
		}
		again := url.Values{"week": {"2026-06-08"}, "went_well": {"three walks"}, "learned": {"lunch walks fit"},
			"obstacles": {"rain"}, "next_focus": {"book the physio"}}
		e.page(c, "POST", "/review", again, 303)
		if f, err := svc.Focus.FindFocusByDay(ctxFor(ann), monday); err != nil || f.Text != "call the physio instead" {
			t.Errorf("saving the review again reset Monday's focus: %+v, %v", f, err)
		}
		again.Set("next_focus", "stretch after walks")
		w = e.page(c, "POST", "/review", again, 303)
		if f, err := svc.Focus.FindFocusByDay(ctxFor(ann), monday); err != nil || f.Text != "call the physio instead" {
			t.Errorf("a changed next focus replaced the day's own: %+v, %v", f, err)
		}
		if flash := e.follow(c, w); !strings.Contains(flash, "Mon 2026-06-15 already has a focus, which stays: call the physio instead") {
			t.Errorf("flash %q", flash)
		}
		again.Set("next_focus", "book the physio")
		e.page(c, "POST", "/review", again, 303)

		// Past reviews stay readable: the timeline and each review.
		e.page(c, "GET", "/reviews", nil, 200, `href="/reviews/2026-06-08"`, "Mon 2026-06-08 to Sun 2026-06-14", "three walks",
			"book the physio", "5 steps across 2 goals")
		e.page(c, "GET", "/reviews/2026-06-08", nil, 200, "three walks", "lunch walks fit", "rain", "book the physio",
			"As it stood when the review was saved", "1h35m/3h30m", ">essay</a>: 1 iteration, 45 min of effort, shipped version 1",
			`href="/review?week=2026-06-08"`)
		// Saving again edits the same week's review; a past week's next focus is not set.
		e.page(c, "GET", "/review?week=2026-06-08", nil, 200, ">three walks</textarea>", "saved ")
		w = e.page(c, "POST", "/review", url.Values{"week": {"2026-06-01"}, "went_well": {"a start"}, "next_focus": {"old focus"}}, 303)
		if flash := e.follow(c, w); strings.Contains(flash, "focus is set") {
			t.Errorf("a past week's next focus was set: %q", flash)
		}
		if f, err := svc.Focus.FindFocusByDay(ctxFor(ann), stride.NewDate(2026, 6, 8)); err != nil || f.Text != "plan the week" {
			t.Errorf("a review of an old week changed a past day's focus: %+v, %v", f, err)
		}
		e.page(c, "GET", "/reviews/2026-06-09", nil, 404)
		e.page(c, "GET", "/reviews/soon", nil, 404)

		// Another user sees none of it.
		bc := e.session(bob)
		e.page(bc, "GET", "/reviews/2026-06-08", nil, 404)
		e.page(bc, "POST", "/reviews/2026-06-08/delete", url.Values{"confirm": {"yes"}}, 404)
		w = e.page(bc, "GET", "/review?week=2026-06-08", nil, 200, "A quiet week in the record")
		if strings.Contains(w.Body.String(), "walk") || strings.Contains(w.Body.String(), "three walks") {
			t.Error("bob's review page shows ann's week")
		}

		e.page(c, "POST", "/reviews/2026-06-08/delete", nil, 200, "Delete the review of the week of Mon 2026-06-08?")
		e.page(c, "POST", "/reviews/2026-06-08/delete", url.Values{"confirm": {"yes"}}, 303)
		e.page(c, "GET", "/reviews/2026-06-08", nil, 404)
	})
}

// TestReviewOfWorkAlone: a week whose record is work on a piece of work,
// with no step, is no quiet week: the review shows the work's iterations
// and their effort, as stride review does, and saves them.
func TestReviewOfWorkAlone(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	c := e.session(ann)
	ctx := ctxFor(ann)
	w := &stride.Work{Name: "talk"}
	if err := e.svc.Works.CreateWork(ctx, w); err != nil {
		t.Fatal(err)
	}
	for i, minutes := range []float64{40, 50} {
		it := &stride.Iteration{Kind: stride.IterationChange, Day: stride.NewDate(2026, 6, 9+i), Changed: "slides", Effort: &minutes}
		if _, err := e.svc.Works.AddIteration(ctx, w.ID, it); err != nil {
			t.Fatal(err)
		}
	}
	line := fmt.Sprintf(`<a href="/works/%d">talk</a>: 2 iterations, 1h30m of effort`, w.ID)
	page := e.page(c, "GET", "/review?week=2026-06-08", nil, 200, line)
	if strings.Contains(page.Body.String(), words.QuietWeekLine) {
		t.Error("a week of work on a talk is called a quiet week")
	}
	e.page(c, "POST", "/review", url.Values{"week": {"2026-06-08"}, "went_well": {"the talk took shape"}}, 303)
	e.page(c, "GET", "/reviews/2026-06-08", nil, 200, "the talk took shape", line)
	rv, err := e.svc.Reviews.FindReviewByWeek(ctx, stride.NewDate(2026, 6, 8))
	if err != nil || len(rv.Summary.Works) != 1 || rv.Summary.Works[0].Effort != 90 {
		t.Fatalf("the saved summary: %+v, %v", rv, err)
	}
	// the week before, with nothing in it, is a quiet one
	e.page(c, "GET", "/review?week=2026-06-01", nil, 200, words.QuietWeekLine)
}

// The reflection pages in the authorization matrix (authz_test.go runs
// them): the owner reaches ann's records, another user gets 404 for each
// of them, and lists and forms of one's own answer everyone.
func init() {
	id := func(format string, of func(fx authzFixture) int64) func(authzFixture) string {
		return func(fx authzFixture) string { return fmt.Sprintf(format, of(fx)) }
	}
	lesson := func(fx authzFixture) int64 { return fx.lesson.ID }
	doubt := func(fx authzFixture) int64 { return fx.doubt.ID }
	focus := func(fx authzFixture) int64 { return fx.focus.ID }
	work := func(fx authzFixture) int64 { return fx.work.ID }
	review := func(fx authzFixture) string { return "/reviews/" + fx.review.Week.String() }
	form := func(v url.Values) func(authzFixture) any { return func(authzFixture) any { return v } }
	yes := form(url.Values{"confirm": {"yes"}})
	for k, c := range map[string]authzCase{
		"POST /goals/{id}/met": {path: pageGoalPath("/met"), owner: 303, other: 404,
			prepare: func(e *testEnv, owner *stride.User, fx authzFixture) {
				if _, err := e.svc.Goals.UpdateGoal(ctxFor(owner), fx.goal.ID, stride.GoalUpdate{DoneWhen: new("ten walks")}); err != nil {
					e.t.Fatal(err)
				}
			}},
		"GET /lessons":           {path: fixed("/lessons?theme=time"), owner: 200, other: 200},
		"GET /lessons/new":       {path: fixed("/lessons/new"), owner: 200, other: 200},
		"POST /lessons/new":      {path: fixed("/lessons/new"), owner: 303, other: 303, body: form(url.Values{"happened": {"rain"}, "themes": {"weather"}})},
		"GET /lessons/{id}":      {path: id("/lessons/%d", lesson), owner: 200, other: 404},
		"GET /lessons/{id}/edit": {path: id("/lessons/%d/edit", lesson), owner: 200, other: 404},
		"POST /lessons/{id}/edit": {path: id("/lessons/%d/edit", lesson), owner: 303, other: 404,
			body: form(url.Values{"next": {"changed"}, "themes": {"time"}})},
		"POST /lessons/{id}/delete": {path: id("/lessons/%d/delete", lesson), owner: 303, other: 404, body: yes},
		"GET /doubts":               {path: fixed("/doubts"), owner: 200, other: 200},
		"GET /doubts/new":           {path: fixed("/doubts/new"), owner: 200, other: 200},
		"POST /doubts/new":          {path: fixed("/doubts/new"), owner: 303, other: 303, body: form(url.Values{"text": {"I cannot"}})},
		"GET /doubts/{id}":          {path: id("/doubts/%d", doubt), owner: 200, other: 404},
		"GET /doubts/{id}/edit":     {path: id("/doubts/%d/edit", doubt), owner: 200, other: 404},
		"POST /doubts/{id}/edit":    {path: id("/doubts/%d/edit", doubt), owner: 303, other: 404, body: form(url.Values{"text": {"changed"}})},
		"POST /doubts/{id}/revisit": {path: id("/doubts/%d/revisit", doubt), owner: 303, other: 404, body: form(url.Values{"holds": {"no"}})},
		"POST /doubts/{id}/delete":  {path: id("/doubts/%d/delete", doubt), owner: 303, other: 404, body: yes},
		"GET /focus":                {path: fixed("/focus"), owner: 200, other: 200},
		"POST /focus":               {path: fixed("/focus"), owner: 303, other: 303, body: form(url.Values{"text": {"one thing"}})},
		"POST /focus/{id}/done":     {path: id("/focus/%d/done", focus), owner: 303, other: 404},
		"POST /focus/{id}/carry":    {path: id("/focus/%d/carry", focus), owner: 303, other: 404},
		"POST /focus/{id}/delete":   {path: id("/focus/%d/delete", focus), owner: 303, other: 404, body: yes},
		"GET /works":                {path: fixed("/works"), owner: 200, other: 200},
		"GET /works/new":            {path: fixed("/works/new"), owner: 200, other: 200},
		"POST /works/new": {path: fixed("/works/new"), owner: 303, other: 303,
			body: func(fx authzFixture) any { return url.Values{"name": {fmt.Sprint("fresh work", fx.n)}} }},
		"GET /works/{id}":      {path: id("/works/%d", work), owner: 200, other: 404},
		"GET /works/{id}/edit": {path: id("/works/%d/edit", work), owner: 200, other: 404},
		"POST /works/{id}/edit": {path: id("/works/%d/edit", work), owner: 303, other: 404,
			body: func(fx authzFixture) any { return url.Values{"name": {fmt.Sprint("renamed work", fx.n)}} }},
		"POST /works/{id}/iterate":    {path: id("/works/%d/iterate", work), owner: 303, other: 404, body: form(url.Values{"changed": {"a pass"}})},
		"POST /works/{id}/ship":       {path: id("/works/%d/ship", work), owner: 303, other: 404},
		"POST /works/{id}/met":        {path: id("/works/%d/met", work), owner: 303, other: 404},
		"POST /works/{id}/delete":     {path: id("/works/%d/delete", work), owner: 303, other: 404, body: yes},
		"GET /wins":                   {path: fixed("/wins"), owner: 200, other: 200},
		"GET /review":                 {path: fixed("/review"), owner: 200, other: 200},
		"POST /review":                {path: fixed("/review"), owner: 303, other: 303, body: form(url.Values{"week": {"2026-06-01"}, "went_well": {"a walk"}})},
		"GET /reviews":                {path: fixed("/reviews"), owner: 200, other: 200},
		"GET /reviews/{week}":         {path: review, owner: 200, other: 404},
		"POST /reviews/{week}/delete": {path: func(fx authzFixture) string { return review(fx) + "/delete" }, owner: 303, other: 404, body: yes},
	} {
		authzCases[k] = c
	}
}
