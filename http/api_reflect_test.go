package http

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/strideapp/stride"
)

// The API of the reflection records: lessons, doubts, focus, works and
// their iterations, wins, reviews, how far, a goal's done-when mark and a
// step's lesson. testStart (2026-06-15, a Monday) is "today".

func TestAPILessons(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		walk := e.goal(ann, "walk", "30 min/day")
		bobs := e.goal(bob, "bobs", "1 time/day")

		var l stride.Lesson
		want(t, e.do(req{method: "POST", path: "/api/v1/lessons", token: tok, body: map[string]any{
			"goal_id": walk.ID, "wanted": "walk daily", "happened": "rain", "themes": []string{"Weather", "time", "weather"},
		}}), http.StatusCreated, &l)
		if l.ID == 0 || l.Day != stride.DateOf(testStart) || l.Goal != "walk" || fmt.Sprint(l.Themes) != "[weather time]" {
			t.Fatalf("created %+v", l)
		}
		var other stride.Lesson
		want(t, e.do(req{method: "POST", path: "/api/v1/lessons", token: tok, body: map[string]any{
			"date": "2026-06-01", "next": "walk before work", "themes": []string{"time"},
		}}), http.StatusCreated, &other)

		wantError(t, e.do(req{method: "POST", path: "/api/v1/lessons", token: tok, body: `{"wanted":"  "}`}),
			http.StatusBadRequest, stride.EINVALID, "at least one answer")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/lessons", token: tok, body: `{"wanted":"x","grow":"x"}`}),
			http.StatusBadRequest, stride.EINVALID, `unknown field "grow": accepted fields are "goal_id", "date", "wanted"`)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/lessons", token: tok, body: `{"wanted":"x","themes":"time"}`}),
			http.StatusBadRequest, stride.EINVALID, `field "themes" must be an array`)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/lessons", token: tok, body: `{"wanted":"x","date":"june"}`}),
			http.StatusBadRequest, stride.EINVALID, "YYYY-MM-DD")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/lessons", token: tok, body: map[string]any{"wanted": "x", "goal_id": bobs.ID}}),
			http.StatusNotFound, stride.ENOTFOUND, "")

		var list []stride.Lesson
		want(t, e.do(req{method: "GET", path: "/api/v1/lessons", token: tok}), http.StatusOK, &list)
		if len(list) != 2 || list[0].ID != l.ID {
			t.Fatalf("lessons %+v", list)
		}
		want(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/lessons?goal_id=%d", walk.ID), token: tok}), http.StatusOK, &list)
		if len(list) != 1 || list[0].ID != l.ID {
			t.Fatalf("by goal %+v", list)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/lessons?theme=time&since=2026-06-01&until=2026-06-10", token: tok}), http.StatusOK, &list)
		if len(list) != 1 || list[0].ID != other.ID {
			t.Fatalf("by theme and days %+v", list)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/lessons?limit=1", token: tok}), http.StatusOK, &list)
		if len(list) != 1 {
			t.Fatalf("limited %+v", list)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/lessons?limit=some", token: tok}), http.StatusBadRequest, stride.EINVALID, "?limit=some")
		wantError(t, e.do(req{method: "GET", path: "/api/v1/lessons?goal_id=walk", token: tok}), http.StatusBadRequest, stride.EINVALID, "?goal_id=walk")
		wantError(t, e.do(req{method: "GET", path: "/api/v1/lessons?since=2026-06-10&until=2026-06-01", token: tok}),
			http.StatusBadRequest, stride.EINVALID, "after ?until=")
		wantError(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/lessons?goal_id=%d", bobs.ID), token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")

		var themes []stride.Theme
		want(t, e.do(req{method: "GET", path: "/api/v1/lessons/themes", token: tok}), http.StatusOK, &themes)
		if len(themes) != 2 || themes[0].Name != "time" || themes[0].Count != 2 {
			t.Fatalf("themes %+v", themes)
		}

		path := fmt.Sprintf("/api/v1/lessons/%d", l.ID)
		var got stride.Lesson
		want(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusOK, &got)
		if got.Wanted != "walk daily" {
			t.Fatalf("get %+v", got)
		}
		got = stride.Lesson{}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"goal_id":null,"next":"an umbrella","themes":["gear"]}`}), http.StatusOK, &got)
		if got.GoalID != nil || got.Next != "an umbrella" || fmt.Sprint(got.Themes) != "[gear]" || got.Happened != "rain" {
			t.Fatalf("patched %+v", got)
		}
		wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"date":"2026-13-01"}`}), http.StatusBadRequest, stride.EINVALID, "YYYY-MM-DD")
		wantError(t, e.do(req{method: "GET", path: "/api/v1/lessons/abc", token: tok}), http.StatusBadRequest, stride.EINVALID, "lesson id")
		want(t, e.do(req{method: "DELETE", path: path, token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")
	})
}

func TestAPIDoubts(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)

		var d stride.Doubt
		want(t, e.do(req{method: "POST", path: "/api/v1/doubts", token: tok, body: map[string]any{
			"text": "I am not a runner", "against": "14 runs in 30 days", "reframe": "I am someone who runs",
		}}), http.StatusCreated, &d)
		if d.ID == 0 || d.Day != stride.DateOf(testStart) || d.Against != "14 runs in 30 days" {
			t.Fatalf("created %+v", d)
		}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/doubts", token: tok, body: `{"against":"x"}`}),
			http.StatusBadRequest, stride.EINVALID, "doubt")

		path := fmt.Sprintf("/api/v1/doubts/%d", d.ID)
		wantError(t, e.do(req{method: "POST", path: path + "/revisits", token: tok, body: `{"note":"hm"}`}),
			http.StatusBadRequest, stride.EINVALID, `"holds"`)
		wantError(t, e.do(req{method: "POST", path: path + "/revisits", token: tok, body: `{"holds":"no"}`}),
			http.StatusBadRequest, stride.EINVALID, `field "holds" must be true or false`)
		var rv stride.Doubt
		want(t, e.do(req{method: "POST", path: path + "/revisits", token: tok, body: `{"holds":false,"note":"ran a 10k","date":"2026-06-20"}`}),
			http.StatusCreated, &rv)
		if len(rv.Revisits) != 1 || rv.Revisits[0].Holds || rv.Revisits[0].Day != stride.NewDate(2026, 6, 20) {
			t.Fatalf("revisited %+v", rv)
		}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/doubts/424242/revisits", token: tok, body: `{"holds":true}`}),
			http.StatusNotFound, stride.ENOTFOUND, "")

		var got stride.Doubt
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"reframe":"a runner in the making"}`}), http.StatusOK, &got)
		if got.Reframe != "a runner in the making" || got.Text != "I am not a runner" || len(got.Revisits) != 1 {
			t.Fatalf("patched %+v", got)
		}
		var list []stride.Doubt
		want(t, e.do(req{method: "GET", path: "/api/v1/doubts?since=2026-06-15&limit=5", token: tok}), http.StatusOK, &list)
		if len(list) != 1 || list[0].ID != d.ID {
			t.Fatalf("doubts %+v", list)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/doubts?until=2026-06-14", token: tok}), http.StatusOK, &list)
		if len(list) != 0 {
			t.Fatalf("doubts before %+v", list)
		}
		want(t, e.do(req{method: "DELETE", path: path, token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")
	})
}

func TestAPIFocus(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		today := stride.DateOf(testStart)

		var f stride.Focus
		want(t, e.do(req{method: "POST", path: "/api/v1/focus", token: tok, body: `{"text":"draft the intro"}`}), http.StatusOK, &f)
		if f.ID == 0 || f.Day != today || f.Done {
			t.Fatalf("set %+v", f)
		}
		for _, key := range []string{"today", today.String(), fmt.Sprint(f.ID)} {
			var got stride.Focus
			want(t, e.do(req{method: "GET", path: "/api/v1/focus/" + key, token: tok}), http.StatusOK, &got)
			if got.ID != f.ID || got.Text != "draft the intro" {
				t.Fatalf("GET /focus/%s: %+v", key, got)
			}
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/focus/tomorrow", token: tok}), http.StatusBadRequest, stride.EINVALID, `"today" or the focus's id`)
		wantError(t, e.do(req{method: "GET", path: "/api/v1/focus/2026-06-14", token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")

		var done stride.Focus
		want(t, e.do(req{method: "PATCH", path: "/api/v1/focus/today", token: tok, body: `{"done":true}`}), http.StatusOK, &done)
		if !done.Done || done.DoneAt == nil {
			t.Fatalf("done %+v", done)
		}
		// Setting the day's focus again changes its text; a new task is
		// not done yet.
		var again stride.Focus
		want(t, e.do(req{method: "POST", path: "/api/v1/focus", token: tok, body: map[string]any{"text": "draft the outro", "date": today}}), http.StatusOK, &again)
		if again.ID != f.ID || again.Text != "draft the outro" || again.Done {
			t.Fatalf("set again %+v", again)
		}
		want(t, e.do(req{method: "PATCH", path: "/api/v1/focus/today", token: tok, body: `{"done":true}`}), http.StatusOK, &done)
		var carried stride.Focus
		want(t, e.do(req{method: "POST", path: "/api/v1/focus", token: tok, body: `{"text":"edit","date":"2026-06-16","carried_from":"2026-06-15"}`}),
			http.StatusOK, &carried)
		if carried.CarriedFrom == nil || *carried.CarriedFrom != today {
			t.Fatalf("carried %+v", carried)
		}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/focus", token: tok, body: `{"text":"x","carried_from":"2026-06-20"}`}),
			http.StatusBadRequest, stride.EINVALID, "carried_from")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/focus", token: tok, body: `{"text":"  "}`}), http.StatusBadRequest, stride.EINVALID, "task")

		var list []stride.Focus
		want(t, e.do(req{method: "GET", path: "/api/v1/focus?done=false", token: tok}), http.StatusOK, &list)
		if len(list) != 1 || list[0].ID != carried.ID {
			t.Fatalf("open foci %+v", list)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/focus?since=2026-06-01&limit=1", token: tok}), http.StatusOK, &list)
		if len(list) != 1 || list[0].Day != today+1 {
			t.Fatalf("newest focus %+v", list)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/focus?done=maybe", token: tok}), http.StatusBadRequest, stride.EINVALID, "true or false")

		want(t, e.do(req{method: "DELETE", path: "/api/v1/focus/2026-06-16", token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/focus/%d", carried.ID), token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")
	})
}

func TestAPIWorks(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		write := e.goal(ann, "write", "1 time/day")

		var wk stride.Work
		want(t, e.do(req{method: "POST", path: "/api/v1/works", token: tok, body: map[string]any{
			"name": "essay", "goal_id": write.ID, "done_when": "2000 words, read aloud once", "nudge_after": 2,
		}}), http.StatusCreated, &wk)
		if wk.ID == 0 || wk.Version != 1 || wk.Goal != "write" {
			t.Fatalf("created %+v", wk)
		}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/works", token: tok, body: `{"name":"Essay"}`}), http.StatusConflict, stride.ECONFLICT, "essay")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/works", token: tok, body: `{"name":"talk","nudge_after":-1}`}),
			http.StatusBadRequest, stride.EINVALID, "nudge")

		path := fmt.Sprintf("/api/v1/works/%d", wk.ID)
		var created iterationCreated
		want(t, e.do(req{method: "POST", path: path + "/iterations", token: tok, body: `{"changed":"tightened the opening","effort_minutes":45}`}),
			http.StatusCreated, &created)
		if created.Iteration == nil || created.Iteration.ID == 0 || created.Iteration.Version != 1 || created.Iteration.Kind != stride.IterationChange ||
			created.Work == nil || created.Work.Unshipped != 1 || len(created.Work.Iterations) != 1 {
			t.Fatalf("iterated %+v %+v", created.Iteration, created.Work)
		}
		wantError(t, e.do(req{method: "POST", path: path + "/iterations", token: tok, body: `{"feedback":"nice"}`}),
			http.StatusBadRequest, stride.EINVALID, "what changed")
		wantError(t, e.do(req{method: "POST", path: path + "/iterations", token: tok, body: `{"kind":"polish","changed":"x"}`}),
			http.StatusBadRequest, stride.EINVALID, "iteration or ship")
		want(t, e.do(req{method: "POST", path: path + "/iterations", token: tok, body: `{"kind":"ship","note":"sent to Kim"}`}), http.StatusCreated, &created)
		if !created.Work.Shipped || created.Iteration.Version != 1 {
			t.Fatalf("shipped %+v", created.Work)
		}
		wantError(t, e.do(req{method: "POST", path: path + "/iterations", token: tok, body: `{"kind":"ship"}`}), http.StatusConflict, stride.ECONFLICT, "shipped already")
		want(t, e.do(req{method: "POST", path: path + "/iterations", token: tok, body: `{"changed":"Kim's notes","date":"2026-06-16"}`}), http.StatusCreated, &created)
		if created.Iteration.Version != 2 || created.Work.Shipped {
			t.Fatalf("version 2 %+v", created.Work)
		}

		var its []stride.Iteration
		want(t, e.do(req{method: "GET", path: path + "/iterations", token: tok}), http.StatusOK, &its)
		if len(its) != 3 {
			t.Fatalf("iterations %+v", its)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/works/iterations?since=2026-06-16&until=2026-06-30", token: tok}), http.StatusOK, &its)
		if len(its) != 1 || its[0].Version != 2 {
			t.Fatalf("iterations between %+v", its)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/works/iterations", token: tok}), http.StatusBadRequest, stride.EINVALID, "?since=")

		var got stride.Work
		want(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusOK, &got)
		if len(got.Iterations) != 3 || got.Version != 2 {
			t.Fatalf("get %+v", got)
		}
		var list []stride.Work
		want(t, e.do(req{method: "GET", path: "/api/v1/works?name=ESSAY", token: tok}), http.StatusOK, &list)
		if len(list) != 1 || list[0].ID != wk.ID {
			t.Fatalf("by name %+v", list)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/works?name=talk", token: tok}), http.StatusOK, &list)
		if len(list) != 0 {
			t.Fatalf("unknown name %+v", list)
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/works?shipped=true", token: tok}), http.StatusOK, &list)
		if len(list) != 0 {
			t.Fatalf("shipped %+v", list)
		}
		want(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/works?goal_id=%d&shipped=false", write.ID), token: tok}), http.StatusOK, &list)
		if len(list) != 1 {
			t.Fatalf("by goal %+v", list)
		}
		// An unknown goal is 404, with a name or without.
		for _, q := range []string{"goal_id=999999", "goal_id=999999&name=ESSAY"} {
			wantError(t, e.do(req{method: "GET", path: "/api/v1/works?" + q, token: tok}), http.StatusNotFound, stride.ENOTFOUND, "999999")
		}

		// done_when_met: true is today, a date, null clears.
		got = stride.Work{}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_met":true}`}), http.StatusOK, &got)
		if got.DoneWhenMet == nil || *got.DoneWhenMet != stride.DateOf(testStart) || got.Nudge() == "" {
			t.Fatalf("met %+v", got)
		}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_met":"2026-06-10","name":"the essay"}`}), http.StatusOK, &got)
		if got.DoneWhenMet == nil || *got.DoneWhenMet != stride.NewDate(2026, 6, 10) || got.Name != "the essay" {
			t.Fatalf("met on a day %+v", got)
		}
		got = stride.Work{}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_met":null,"goal_id":null}`}), http.StatusOK, &got)
		if got.DoneWhenMet != nil || got.GoalID != nil {
			t.Fatalf("cleared %+v", got)
		}
		wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_met":"soon"}`}), http.StatusBadRequest, stride.EINVALID, `"done_when_met" must be a date`)

		want(t, e.do(req{method: "DELETE", path: path, token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "GET", path: path + "/iterations", token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")
	})
}

func TestAPIGoalDoneWhenAndLearned(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		g := e.goal(ann, "novel", "500 words/day")
		path := fmt.Sprintf("/api/v1/goals/%d", g.ID)

		var got stride.Goal
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when":"a first draft","done_when_met":true}`}), http.StatusOK, &got)
		if got.DoneWhenMet == nil || *got.DoneWhenMet != stride.DateOf(testStart) {
			t.Fatalf("met %+v", got)
		}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_met":"2026-06-12"}`}), http.StatusOK, &got)
		if got.DoneWhenMet == nil || *got.DoneWhenMet != stride.NewDate(2026, 6, 12) {
			t.Fatalf("met on a day %+v", got)
		}
		got = stride.Goal{}
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_met":false}`}), http.StatusOK, &got)
		if got.DoneWhenMet != nil {
			t.Fatalf("cleared %+v", got)
		}
		wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"done_when_met":20260612}`}), http.StatusBadRequest, stride.EINVALID, "true (met today)")
		want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"state":"done"}`}), http.StatusOK, &got)
		if got.FinishedOn == nil { // the store's day: SetGoalState takes no today
			t.Fatalf("finished %+v", got)
		}

		var c stride.StepCreated
		want(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": g.ID, "amount": 600, "learned": "dialogue first"}}),
			http.StatusCreated, &c)
		if c.Step.Learned != "dialogue first" {
			t.Fatalf("step %+v", c.Step)
		}
		stepPath := fmt.Sprintf("/api/v1/steps/%d", c.Step.ID)
		var s stride.Step
		want(t, e.do(req{method: "PATCH", path: stepPath, token: tok, body: `{"learned":"  mornings work  "}`}), http.StatusOK, &s)
		if s.Learned != "mornings work" {
			t.Fatalf("learned %+v", s)
		}
		s = stride.Step{}
		want(t, e.do(req{method: "PATCH", path: stepPath, token: tok, body: `{"learned":null}`}), http.StatusOK, &s)
		if s.Learned != "" || s.Amount != 600 {
			t.Fatalf("cleared %+v", s)
		}
	})
}

func TestAPIWinsReviewsHowFar(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		walk := e.goal(ann, "walk", "30 min/day") // started 30 days ago
		bobs := e.goal(bob, "bobs", "1 time/day")
		e.step(ann, walk, 40, "park")

		var wins []stride.Win
		want(t, e.do(req{method: "GET", path: "/api/v1/wins", token: tok}), http.StatusOK, &wins)
		if len(wins) == 0 || wins[0].Kind != stride.WinFirstStep || wins[0].Text == "" {
			t.Fatalf("wins %+v", wins)
		}
		want(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/wins?goal_id=%d&since=2026-06-01&until=2026-06-15", walk.ID), token: tok}), http.StatusOK, &wins)
		if len(wins) == 0 {
			t.Fatal("no wins for the goal")
		}
		want(t, e.do(req{method: "GET", path: "/api/v1/wins?until=2026-06-01", token: tok}), http.StatusOK, &wins)
		if len(wins) != 0 {
			t.Fatalf("wins before the step %+v", wins)
		}
		wantError(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/wins?goal_id=%d", bobs.ID), token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")

		var sum stride.WeekSummary
		want(t, e.do(req{method: "GET", path: "/api/v1/reviews/summary?week=2026-06-08", token: tok}), http.StatusOK, &sum)
		if sum.From != stride.NewDate(2026, 6, 8) || len(sum.Goals) != 1 || sum.Goals[0].Total != 40 || sum.Steps != 1 {
			t.Fatalf("summary %+v", sum)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/reviews/summary?week=2026-06-10", token: tok}), http.StatusBadRequest, stride.EINVALID, "2026-06-08")

		var rv stride.Review
		want(t, e.do(req{method: "POST", path: "/api/v1/reviews", token: tok, body: map[string]any{
			"week": "2026-06-08", "went_well": "walked in the park", "next_focus": "walk before work",
		}}), http.StatusOK, &rv)
		if rv.ID == 0 || rv.Week != stride.NewDate(2026, 6, 8) || rv.Summary == nil || rv.Summary.Steps != 1 {
			t.Fatalf("saved %+v", rv)
		}
		var now stride.Review
		want(t, e.do(req{method: "POST", path: "/api/v1/reviews", token: tok, body: `{"learned":"mornings"}`}), http.StatusOK, &now)
		if now.Week != stride.DateOf(testStart) {
			t.Fatalf("this week's review %+v", now)
		}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/reviews", token: tok, body: `{"week":"2026-06-10"}`}),
			http.StatusBadRequest, stride.EINVALID, "2026-06-08")
		var got stride.Review
		want(t, e.do(req{method: "GET", path: "/api/v1/reviews/2026-06-08", token: tok}), http.StatusOK, &got)
		if got.ID != rv.ID || got.WentWell != "walked in the park" || got.Summary == nil {
			t.Fatalf("get %+v", got)
		}
		wantError(t, e.do(req{method: "GET", path: "/api/v1/reviews/2026-06-10", token: tok}), http.StatusNotFound, stride.ENOTFOUND, "under its first day, 2026-06-08")
		wantError(t, e.do(req{method: "GET", path: "/api/v1/reviews/last-week", token: tok}), http.StatusBadRequest, stride.EINVALID, "YYYY-MM-DD")
		var list []stride.Review
		want(t, e.do(req{method: "GET", path: "/api/v1/reviews?limit=1", token: tok}), http.StatusOK, &list)
		if len(list) != 1 || list[0].ID != now.ID {
			t.Fatalf("reviews %+v", list)
		}
		want(t, e.do(req{method: "DELETE", path: "/api/v1/reviews/2026-06-08", token: tok}), http.StatusNoContent, nil)
		wantError(t, e.do(req{method: "DELETE", path: "/api/v1/reviews/2026-06-08", token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")

		// Thirty days of record are too few to compare four weeks with four.
		wantError(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/goals/%d/how-far", walk.ID), token: tok}),
			http.StatusNotFound, stride.ENOTFOUND, "eight weeks")
		var far stride.HowFar
		want(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/goals/%d/how-far?today=2026-08-31", walk.ID), token: tok}), http.StatusOK, &far)
		if far.First.From == 0 || far.Last.To <= far.First.To {
			t.Fatalf("how far %+v", far)
		}
		wantError(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/goals/%d/how-far", bobs.ID), token: tok}), http.StatusNotFound, stride.ENOTFOUND, "")
	})
}
