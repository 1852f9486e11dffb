package http

import (
	"net/http"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

// TestWinsWindow: GET /api/v1/wins shows the last 30 days unless asked,
// up to ?until= when given, as stride wins and the wins page do; an early
// ?since= gives the whole record, and so does the API client's FindWins
// without a since, as the WinService promises.
func TestWinsWindow(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	today := stride.DateOf(testStart)
	for _, s := range []struct {
		goal string
		day  stride.Date
	}{{"walk", today - 45}, {"read", today - 1}} {
		g := e.goal(ann, s.goal, "3 times/week")
		if _, err := e.svc.Steps.CreateStep(ctxFor(ann), &stride.Step{GoalID: g.ID, Day: s.day, Amount: 1}); err != nil {
			t.Fatal(err)
		}
	}
	firsts := func(path string) map[string]stride.Date {
		t.Helper()
		var wins []stride.Win
		want(t, e.do(req{method: "GET", path: path, token: tok}), http.StatusOK, &wins)
		got := map[string]stride.Date{}
		for i, w := range wins {
			if i > 0 && w.Day < wins[i-1].Day {
				t.Errorf("%s: not oldest first: %+v", path, wins)
			}
			if w.Kind == stride.WinFirstStep {
				got[w.Goal] = w.Day
			}
		}
		return got
	}
	for _, tc := range []struct {
		path string
		want map[string]stride.Date
	}{
		{"/api/v1/wins", map[string]stride.Date{"read": today - 1}},
		{"/api/v1/wins?today=2026-06-15", map[string]stride.Date{"read": today - 1}},
		{"/api/v1/wins?since=1970-01-01", map[string]stride.Date{"walk": today - 45, "read": today - 1}},
		{"/api/v1/wins?until=2026-05-05", map[string]stride.Date{"walk": today - 45}}, // 30 days up to until
		{"/api/v1/wins?today=2026-07-20", map[string]stride.Date{}},                   // the 30 days up to that today
		{"/api/v1/wins?until=2026-09-01", map[string]stride.Date{"read": today - 1}},  // until after today: up to today
		{"/api/v1/wins?since=2026-05-01", map[string]stride.Date{"walk": today - 45, "read": today - 1}},
	} {
		got := firsts(tc.path)
		if len(got) != len(tc.want) {
			t.Errorf("%s: first steps %v, want %v", tc.path, got, tc.want)
			continue
		}
		for g, d := range tc.want {
			if got[g] != d {
				t.Errorf("%s: first steps %v, want %v", tc.path, got, tc.want)
			}
		}
	}
}
