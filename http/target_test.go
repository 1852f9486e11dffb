package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

// TestTargetToCome: a target set to start later is not the current one
// until its day, on the goal page, the goals list, the board and in the
// API's Goal; the pages say it is still to come.
func TestTargetToCome(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		c := e.session(ann)
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		run := e.goal(ann, "run", "5 km/week") // from Sat 2026-05-16; today is Mon 2026-06-15
		later := stride.Target{From: stride.NewDate(2026, 6, 18), Amount: 2, Unit: "km", Per: stride.PerDay}
		if _, err := svc.Goals.SetTarget(ctxFor(ann), run.ID, later); err != nil {
			t.Fatal(err)
		}
		gp := fmt.Sprintf("/goals/%d", run.ID)
		w := e.page(c, "GET", gp, nil, 200, "<strong>5 km/week</strong> since Sat 2026-05-16", "Still to come: from Thu 18: 2 km/day")
		if strings.Contains(w.Body.String(), "Before:") {
			t.Errorf("the goal page calls the current target a past one:\n%s", w.Body.String())
		}
		e.page(c, "GET", "/goals", nil, 200, "5 km/week; from Thu 18: 2 km/day")
		e.page(c, "GET", gp+"/edit", nil, 200, `value="5 km/week"`)
		var g struct {
			Target struct {
				From stride.Date `json:"from"`
				Text string      `json:"text"`
			} `json:"target"`
		}
		want(t, e.do(req{method: http.MethodGet, path: "/api/v1" + gp, token: tok}), http.StatusOK, &g)
		if g.Target.From != run.Start || g.Target.Text != "5 km/week" {
			t.Errorf("the API's target: %+v, want 5 km/week from %s", g.Target, run.Start)
		}

		// On its day it is the target, and the one before it is past.
		e.advance(3 * 24 * time.Hour)
		w = e.page(c, "GET", gp, nil, 200, "<strong>2 km/day</strong> since Thu 2026-06-18", "Before: 5 km/week from Sat 2026-05-16")
		if strings.Contains(w.Body.String(), "Still to come") {
			t.Errorf("a target in effect is still to come:\n%s", w.Body.String())
		}
	})
}
