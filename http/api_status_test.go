package http

import (
	"net/http"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

// TestAPIStatusCache checks that the board answered from the kept body
// follows every write: through the API, straight to the store (as another
// server instance would write), and a change of week start.
func TestAPIStatusCache(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		bobTok, _ := e.token(bob, stride.ScopeReadWrite)
		g := e.goal(ann, "walk", "150 min/week")
		e.goal(bob, "read", "10 pages/day")

		var weekFrom stride.Date
		total := func(token string) (float64, string) {
			t.Helper()
			var board []stride.GoalStatus
			w := e.do(req{method: "GET", path: "/api/v1/status", token: token})
			want(t, w, http.StatusOK, &board)
			if len(board) != 1 {
				t.Fatalf("board %+v", board)
			}
			weekFrom = board[0].Pace.From
			return board[0].Total, w.Header().Get("ETag")
		}
		t0, tag0 := total(tok)
		t1, tag1 := total(tok)
		if t0 != 0 || t1 != 0 || tag0 == "" || tag0 != tag1 {
			t.Fatalf("totals %v %v, etags %q %q", t0, t1, tag0, tag1)
		}
		if w := e.do(req{method: "GET", path: "/api/v1/status", token: tok, header: map[string]string{"If-None-Match": tag1}}); w.Code != http.StatusNotModified {
			t.Fatalf("If-None-Match: %d", w.Code)
		}
		if bt, _ := total(bobTok); bt != 0 {
			t.Fatalf("bob's board shows %v", bt)
		}

		want(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": g.ID, "amount": 10}}), http.StatusCreated, nil)
		if got, tag := total(tok); got != 10 || tag == tag1 {
			t.Fatalf("after an API write: total %v, etag %q (was %q)", got, tag, tag1)
		}

		e.step(ann, g, 5, "logged by another instance")
		if got, _ := total(tok); got != 15 {
			t.Fatalf("after a write to the store: total %v", got)
		}

		if weekFrom.Weekday() != time.Monday {
			t.Fatalf("week from %v", weekFrom)
		}
		sunday := time.Sunday
		if _, err := svc.Auth.UpdateUser(ctxFor(ann), ann.ID, stride.UserUpdate{WeekStart: &sunday}); err != nil {
			t.Fatal(err)
		}
		if total(tok); weekFrom.Weekday() != time.Sunday {
			t.Fatalf("after the week start changed, the week is from %v", weekFrom)
		}
		if bt, _ := total(bobTok); bt != 0 {
			t.Fatalf("bob's board shows %v", bt)
		}
	})
}
