package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// authzFixture is a fresh set of ann's objects for one route's requests.
type authzFixture struct {
	n     int
	goal  *stride.Goal
	step  *stride.Step
	spare *stride.Token // a token of ann's to revoke
	// session is a spare browser session of ann's to sign out.
	session *stride.Session
	// The reflection records: a lesson on the goal, a doubt with a
	// revisit, a focus, a work with an iteration and a weekly review.
	lesson *stride.Lesson
	doubt  *stride.Doubt
	focus  *stride.Focus
	work   *stride.Work
	review *stride.Review
}

// authzCase is how to call one route, and what the owner and the other
// user get. Anonymous callers and read-only tokens follow from the
// route's access: 401 (API) or a redirect (pages), and 403 for any
// API write with a read-only token (an import's dry run, which writes
// nothing, is TestReadOnlyDryRun's).
type authzCase struct {
	path  func(fx authzFixture) string
	body  func(fx authzFixture) any
	owner int
	other int
	// prepare readies the fixture, when the route needs more.
	prepare func(e *testEnv, owner *stride.User, fx authzFixture)
	// ownToken marks a route that acts on the calling token itself: each
	// actor calls it with a token of its own, made for this route.
	ownToken bool
	// anon is what anonymous callers (and, on pages, bearer tokens, which
	// pages ignore) get; 0 means 401 on the API and 303 on pages.
	anon int
}

func fixed(p string) func(authzFixture) string { return func(authzFixture) string { return p } }

func goalPath(suffix string) func(authzFixture) string {
	return func(fx authzFixture) string { return fmt.Sprintf("/api/v1/goals/%d%s", fx.goal.ID, suffix) }
}

// authzCases covers every route of routes.go, keyed by "METHOD pattern";
// the test fails when a route is missing here.
var authzCases = map[string]authzCase{
	"GET /healthz":             {path: fixed("/healthz"), owner: 200, other: 200, anon: 200},
	"GET /readyz":              {path: fixed("/readyz"), owner: 200, other: 200, anon: 200},
	"GET /metrics":             {path: fixed("/metrics"), owner: 200, other: 200, anon: 200},
	"GET /assets/":             {path: fixed("/assets/style.css"), owner: 200, other: 200, anon: 200},
	"GET /api/v1/openapi.json": {path: fixed("/api/v1/openapi.json"), owner: 200, other: 200, anon: 200},
	" /api/":                   {path: fixed("/api/v1/secret-things"), owner: 404, other: 404, anon: 404},
	"POST /api/v1/login": {path: fixed("/api/v1/login"), owner: 401, other: 401, anon: 401,
		body: func(authzFixture) any { return map[string]any{"name": "ann", "password": "not the password"} }},
	"GET /api/v1/me":    {path: fixed("/api/v1/me"), owner: 200, other: 200},
	"GET /api/v1/goals": {path: fixed("/api/v1/goals?state=active,paused,done,archived"), owner: 200, other: 200},
	"POST /api/v1/goals": {path: fixed("/api/v1/goals"), owner: 201, other: 201,
		body: func(fx authzFixture) any {
			return map[string]any{"name": fmt.Sprint("fresh", fx.n), "target": "1 time/day"}
		}},
	"GET /api/v1/goals/{id}": {path: goalPath(""), owner: 200, other: 404},
	"PATCH /api/v1/goals/{id}": {path: goalPath(""), owner: 200, other: 404,
		body: func(authzFixture) any { return map[string]any{"why": "changed", "target": "2 times/week"} }},
	"DELETE /api/v1/goals/{id}":     {path: goalPath(""), owner: 204, other: 404},
	"POST /api/v1/goals/{id}/pause": {path: goalPath("/pause"), owner: 200, other: 404},
	"POST /api/v1/goals/{id}/resume": {path: goalPath("/resume"), owner: 200, other: 404,
		prepare: func(e *testEnv, owner *stride.User, fx authzFixture) {
			if _, err := e.svc.Goals.PauseGoal(ctxFor(owner), fx.goal.ID, stride.NewDate(2026, 6, 12), nil); err != nil {
				e.t.Fatal(err)
			}
		}},
	"PUT /api/v1/goals/{id}/skips/{date}":    {path: goalPath("/skips/2026-06-10"), owner: 204, other: 404},
	"DELETE /api/v1/goals/{id}/skips/{date}": {path: goalPath("/skips/2026-06-01"), owner: 204, other: 404},
	"GET /api/v1/goals/{id}/status":          {path: goalPath("/status"), owner: 200, other: 404},
	"GET /api/v1/goals/{id}/history":         {path: goalPath("/history?from=2026-05-01"), owner: 200, other: 404},
	"GET /api/v1/status":                     {path: fixed("/api/v1/status"), owner: 200, other: 200},
	"GET /api/v1/steps":                      {path: func(fx authzFixture) string { return fmt.Sprintf("/api/v1/steps?goal_id=%d", fx.goal.ID) }, owner: 200, other: 404},
	"POST /api/v1/steps":                     {path: fixed("/api/v1/steps"), owner: 201, other: 404, body: func(fx authzFixture) any { return map[string]any{"goal_id": fx.goal.ID, "amount": 5} }},
	"POST /api/v1/steps/batch": {path: fixed("/api/v1/steps/batch"), owner: 204, other: 404, body: func(fx authzFixture) any {
		return map[string]any{"steps": []any{map[string]any{"goal_id": fx.goal.ID, "amount": 5}}}
	}},
	"GET /api/v1/steps/{id}":        {path: stepPath, owner: 200, other: 404},
	"PATCH /api/v1/steps/{id}":      {path: stepPath, owner: 200, other: 404, body: func(authzFixture) any { return map[string]any{"amount": 7, "note": "edited"} }},
	"DELETE /api/v1/steps/{id}":     {path: stepPath, owner: 204, other: 404},
	"GET /api/v1/tokens":            {path: fixed("/api/v1/tokens"), owner: 200, other: 200},
	"POST /api/v1/tokens":           {path: fixed("/api/v1/tokens"), owner: 201, other: 201, body: func(authzFixture) any { return map[string]any{"name": "another"} }},
	"DELETE /api/v1/tokens/current": {path: fixed("/api/v1/tokens/current"), owner: 204, other: 204, ownToken: true},
	"DELETE /api/v1/tokens/{id}":    {path: func(fx authzFixture) string { return fmt.Sprintf("/api/v1/tokens/%d", fx.spare.ID) }, owner: 204, other: 404},
	// The reflection records: another user's are not found, even by id.
	"GET /api/v1/goals/{id}/how-far": {path: goalPath("/how-far?today=2026-09-01"), owner: 200, other: 404},
	"GET /api/v1/lessons":            {path: fixed("/api/v1/lessons"), owner: 200, other: 200},
	"POST /api/v1/lessons": {path: fixed("/api/v1/lessons"), owner: 201, other: 404, body: func(fx authzFixture) any {
		return map[string]any{"goal_id": fx.goal.ID, "wanted": "fresh"}
	}},
	"GET /api/v1/lessons/themes":        {path: fixed("/api/v1/lessons/themes"), owner: 200, other: 200},
	"GET /api/v1/lessons/{id}":          {path: lessonPath, owner: 200, other: 404},
	"PATCH /api/v1/lessons/{id}":        {path: lessonPath, owner: 200, other: 404, body: func(authzFixture) any { return map[string]any{"next": "changed"} }},
	"DELETE /api/v1/lessons/{id}":       {path: lessonPath, owner: 204, other: 404},
	"GET /api/v1/doubts":                {path: fixed("/api/v1/doubts"), owner: 200, other: 200},
	"POST /api/v1/doubts":               {path: fixed("/api/v1/doubts"), owner: 201, other: 201, body: func(authzFixture) any { return map[string]any{"text": "fresh doubt"} }},
	"GET /api/v1/doubts/{id}":           {path: doubtPath(""), owner: 200, other: 404},
	"PATCH /api/v1/doubts/{id}":         {path: doubtPath(""), owner: 200, other: 404, body: func(authzFixture) any { return map[string]any{"reframe": "kinder"} }},
	"DELETE /api/v1/doubts/{id}":        {path: doubtPath(""), owner: 204, other: 404},
	"POST /api/v1/doubts/{id}/revisits": {path: doubtPath("/revisits"), owner: 201, other: 404, body: func(authzFixture) any { return map[string]any{"holds": false} }},
	"GET /api/v1/focus":                 {path: fixed("/api/v1/focus"), owner: 200, other: 200},
	"POST /api/v1/focus":                {path: fixed("/api/v1/focus"), owner: 200, other: 200, body: func(authzFixture) any { return map[string]any{"text": "fresh focus"} }},
	"GET /api/v1/focus/{date}":          {path: focusPath, owner: 200, other: 404},
	"PATCH /api/v1/focus/{date}":        {path: focusPath, owner: 200, other: 404, body: func(authzFixture) any { return map[string]any{"done": true} }},
	"DELETE /api/v1/focus/{date}":       {path: focusPath, owner: 204, other: 404},
	"GET /api/v1/works":                 {path: fixed("/api/v1/works"), owner: 200, other: 200},
	"POST /api/v1/works": {path: fixed("/api/v1/works"), owner: 201, other: 201, body: func(fx authzFixture) any {
		return map[string]any{"name": fmt.Sprint("freshwork", fx.n)}
	}},
	"GET /api/v1/works/iterations":      {path: fixed("/api/v1/works/iterations?since=2026-01-01"), owner: 200, other: 200},
	"GET /api/v1/works/{id}":            {path: workPath(""), owner: 200, other: 404},
	"PATCH /api/v1/works/{id}":          {path: workPath(""), owner: 200, other: 404, body: func(authzFixture) any { return map[string]any{"done_when_met": true} }},
	"DELETE /api/v1/works/{id}":         {path: workPath(""), owner: 204, other: 404},
	"GET /api/v1/works/{id}/iterations": {path: workPath("/iterations"), owner: 200, other: 404},
	"POST /api/v1/works/{id}/iterations": {path: workPath("/iterations"), owner: 201, other: 404, body: func(authzFixture) any {
		return map[string]any{"changed": "tightened"}
	}},
	"GET /api/v1/wins":              {path: func(fx authzFixture) string { return fmt.Sprintf("/api/v1/wins?goal_id=%d", fx.goal.ID) }, owner: 200, other: 404},
	"GET /api/v1/reviews":           {path: fixed("/api/v1/reviews"), owner: 200, other: 200},
	"POST /api/v1/reviews":          {path: fixed("/api/v1/reviews"), owner: 200, other: 200, body: func(authzFixture) any { return map[string]any{"went_well": "fresh"} }},
	"GET /api/v1/reviews/summary":   {path: fixed("/api/v1/reviews/summary"), owner: 200, other: 200},
	"GET /api/v1/reviews/{week}":    {path: reviewPath, owner: 200, other: 404},
	"DELETE /api/v1/reviews/{week}": {path: reviewPath, owner: 204, other: 404},
	"GET /{$}":                      {path: fixed("/"), owner: 200, other: 200},
	"POST /goals/{id}/steps": {path: pageGoalPath("/steps"), owner: 303, other: 404,
		body: func(authzFixture) any { return url.Values{"amount": {"5"}, "note": {"from the board"}} }},
	"GET /goals":     {path: fixed("/goals"), owner: 200, other: 200},
	"GET /goals/new": {path: fixed("/goals/new"), owner: 200, other: 200},
	"POST /goals/new": {path: fixed("/goals/new"), owner: 303, other: 303, body: func(fx authzFixture) any {
		return url.Values{"name": {fmt.Sprint("fresh", fx.n)}, "target": {"1 time/day"}}
	}},
	"GET /goals/{id}":       {path: pageGoalPath(""), owner: 200, other: 404},
	"GET /goals/{id}/edit":  {path: pageGoalPath("/edit"), owner: 200, other: 404},
	"GET /goals/{id}/steps": {path: pageGoalPath("/steps"), owner: 200, other: 404},
	"POST /goals/{id}/edit": {path: pageGoalPath("/edit"), owner: 303, other: 404, body: func(fx authzFixture) any {
		return url.Values{"name": {fmt.Sprint("renamed", fx.n)}, "target": {"20 min/day"}, "why": {"changed"}}
	}},
	"POST /goals/{id}/pause": {path: pageGoalPath("/pause"), owner: 303, other: 404},
	"POST /goals/{id}/resume": {path: pageGoalPath("/resume"), owner: 303, other: 404,
		prepare: func(e *testEnv, owner *stride.User, fx authzFixture) {
			if _, err := e.svc.Goals.PauseGoal(ctxFor(owner), fx.goal.ID, stride.NewDate(2026, 6, 12), nil); err != nil {
				e.t.Fatal(err)
			}
		}},
	"POST /goals/{id}/skip":    {path: pageGoalPath("/skip"), owner: 303, other: 404, body: func(authzFixture) any { return url.Values{"date": {"2026-06-10"}} }},
	"POST /goals/{id}/done":    {path: pageGoalPath("/done"), owner: 303, other: 404},
	"POST /goals/{id}/archive": {path: pageGoalPath("/archive"), owner: 303, other: 404},
	"POST /goals/{id}/delete":  {path: pageGoalPath("/delete"), owner: 303, other: 404, body: func(authzFixture) any { return url.Values{"confirm": {"yes"}} }},
	"GET /steps/{id}/edit":     {path: pageStepPath("/edit"), owner: 200, other: 404},
	"POST /steps/{id}/edit": {path: pageStepPath("/edit"), owner: 303, other: 404, body: func(authzFixture) any {
		return url.Values{"amount": {"7"}, "date": {"2026-06-13"}, "note": {"edited"}}
	}},
	"GET /settings": {path: fixed("/settings"), owner: 200, other: 200},
	// The other user saves the values it already has, so the users are unchanged.
	"POST /settings": {path: fixed("/settings"), owner: 303, other: 303, body: func(authzFixture) any {
		return url.Values{"time_zone": {""}, "week_start": {"1"}}
	}},
	"POST /settings/password": {path: fixed("/settings/password"), owner: 303, other: 303, body: func(authzFixture) any {
		return url.Values{"current": {testPassword}, "password": {testPassword}, "password_again": {testPassword}}
	}},
	"POST /settings/sessions/{id}/delete": {path: func(fx authzFixture) string { return fmt.Sprintf("/settings/sessions/%d/delete", fx.session.ID) }, owner: 303, other: 404},
	"POST /settings/invites":              {path: fixed("/settings/invites"), owner: 200, other: 200},
	"GET /tokens":                         {path: fixed("/tokens"), owner: 200, other: 200},
	"POST /tokens":                        {path: fixed("/tokens"), owner: 200, other: 200, body: func(authzFixture) any { return url.Values{"name": {"another"}, "scope": {"read"}, "expires": {"30"}} }},
	"POST /settings/invites/{id}/revoke": {path: func(fx authzFixture) string {
		return "/settings/invites/" + setupHash(fmt.Sprint("authz-invite-", fx.n)) + "/revoke"
	}, owner: 303, other: 404,
		prepare: func(e *testEnv, owner *stride.User, fx authzFixture) {
			v := fmt.Sprintf("%d:%d", owner.ID, e.clock().Add(time.Hour).Unix())
			if err := e.svc.Auth.SetSetting(context.Background(), invitePrefix+setupHash(fmt.Sprint("authz-invite-", fx.n)), v); err != nil {
				e.t.Fatal(err)
			}
		}},
	"POST /tokens/{id}/revoke": {path: func(fx authzFixture) string { return fmt.Sprintf("/tokens/%d/revoke", fx.spare.ID) }, owner: 303, other: 404},
	"POST /steps/{id}/delete":  {path: pageStepPath("/delete"), owner: 303, other: 404, body: func(authzFixture) any { return url.Values{"confirm": {"yes"}} }},
	"GET /login":               {path: fixed("/login"), owner: 303, other: 303, anon: 200},
	"POST /login":              {path: fixed("/login"), owner: 401, other: 401, anon: 401, body: func(authzFixture) any { return url.Values{"name": {"nobody"}, "password": {"whatever1"}} }},
	"POST /logout":             {path: fixed("/logout"), owner: 303, other: 303, anon: 303},
	"POST /logout/everywhere":  {path: fixed("/logout/everywhere"), owner: 303, other: 303},
	"GET /setup/{token}":       {path: fixed("/setup/not-the-token"), owner: 404, other: 404, anon: 404},
	"POST /setup/{token}": {path: fixed("/setup/not-the-token"), owner: 404, other: 404, anon: 404, body: func(authzFixture) any {
		return url.Values{"name": {"mallory"}, "password": {"password1"}, "password_again": {"password1"}}
	}},
	// The matrix runs invite-only: /register refuses everyone and creates
	// nothing (the users are in the dump); open registration is in
	// register_test.go.
	"GET /register": {path: fixed("/register"), owner: 303, other: 303, anon: 403},
	"POST /register": {path: fixed("/register"), owner: 403, other: 403, anon: 403, body: func(authzFixture) any {
		return url.Values{"name": {"mallory"}, "password": {"password1"}, "password_again": {"password1"}}
	}},
	"GET /invite/{token}": {path: fixed("/invite/not-an-invite"), owner: 404, other: 404, anon: 404},
	"POST /invite/{token}": {path: fixed("/invite/not-an-invite"), owner: 404, other: 404, anon: 404, body: func(authzFixture) any {
		return url.Values{"name": {"mallory"}, "password": {"password1"}, "password_again": {"password1"}}
	}},

	// Backups: each caller exports and imports its own data only.
	"GET /api/v1/export.json": {path: fixed("/api/v1/export.json"), owner: 200, other: 200},
	"GET /api/v1/export.csv":  {path: fixed("/api/v1/export.csv"), owner: 200, other: 200},
	"POST /api/v1/import": {path: fixed("/api/v1/import"), owner: 200, other: 200, body: func(fx authzFixture) any {
		return map[string]any{"format": "stride-backup", "version": 1, "goals": []any{map[string]any{"name": fmt.Sprint("imported", fx.n),
			"start": "2026-06-01", "targets": []any{map[string]any{"amount": 1, "count": true, "per": "day"}}}}}
	}},
	"GET /data":             {path: fixed("/data"), owner: 200, other: 200},
	"GET /data/export.json": {path: fixed("/data/export.json"), owner: 200, other: 200},
	"GET /data/export.csv":  {path: fixed("/data/export.csv"), owner: 200, other: 200},
	"GET /data/journal.md":  {path: fixed("/data/journal.md"), owner: 200, other: 200},
	"POST /data/import":     {path: fixed("/data/import"), owner: 400, other: 400},
}

func pageGoalPath(suffix string) func(authzFixture) string {
	return func(fx authzFixture) string { return fmt.Sprintf("/goals/%d%s", fx.goal.ID, suffix) }
}

func pageStepPath(suffix string) func(authzFixture) string {
	return func(fx authzFixture) string { return fmt.Sprintf("/steps/%d%s", fx.step.ID, suffix) }
}

func stepPath(fx authzFixture) string { return fmt.Sprintf("/api/v1/steps/%d", fx.step.ID) }

func lessonPath(fx authzFixture) string { return fmt.Sprintf("/api/v1/lessons/%d", fx.lesson.ID) }

func doubtPath(suffix string) func(authzFixture) string {
	return func(fx authzFixture) string { return fmt.Sprintf("/api/v1/doubts/%d%s", fx.doubt.ID, suffix) }
}

// focusPath names the focus by its id: by its day, another user's lookup
// would not find it whatever the scoping.
func focusPath(fx authzFixture) string { return fmt.Sprintf("/api/v1/focus/%d", fx.focus.ID) }

func workPath(suffix string) func(authzFixture) string {
	return func(fx authzFixture) string { return fmt.Sprintf("/api/v1/works/%d%s", fx.work.ID, suffix) }
}

func reviewPath(fx authzFixture) string { return "/api/v1/reviews/" + fx.review.Week.String() }

// secretName is in the name of every goal of ann's: it must never reach
// another caller.
const secretName = "annsecret"

// TestAuthorizationMatrix calls every route as the owner of the objects,
// as another user, anonymously and with a read-only token (or, on pages,
// with a bearer token that pages ignore), and checks the status, that no
// foreign data is in the body, and that a denied caller changed nothing.
func TestAuthorizationMatrix(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{Registration: stride.RegistrationInvite})
		ann, bob := e.user("ann"), e.user("bob")
		annRW, _ := e.token(ann, stride.ScopeReadWrite)
		annRO, _ := e.token(ann, stride.ScopeRead)
		bobRW, _ := e.token(bob, stride.ScopeReadWrite)
		e.goal(bob, "bobs goal", "1 time/day")

		routes := e.srv.routes()
		for i, rt := range routes {
			key := rt.method + " " + rt.pattern
			c, ok := authzCases[key]
			if !ok {
				t.Errorf("%s has no case in the authorization matrix", key)
				continue
			}
			fx := e.fixture(ann, i)
			if c.prepare != nil {
				c.prepare(e, ann, fx)
			}
			isAPI := rt.access == api || rt.access == apiPublic
			isPage := rt.access == anyPage || rt.access == userPage
			anon := c.anon
			if anon == 0 {
				anon = map[bool]int{true: 401, false: 303}[isAPI]
			}
			readOnly := c.owner
			if rt.access == api && rt.method != "GET" && !c.ownToken { // any token may revoke itself
				readOnly = 403
			}
			type actor struct {
				name   string
				token  string
				cookie *http.Cookie
				status int
				owner  bool // the caller may see ann's data
				writes bool // the caller may change ann's data
			}
			actors := []actor{{name: "anonymous", status: anon}}
			if isPage {
				actors = append(actors,
					actor{name: "other", cookie: e.session(bob), status: c.other},
					actor{name: "bearer token on a page", token: annRW, status: anon},
					actor{name: "owner", cookie: e.session(ann), status: c.owner, owner: true, writes: true})
			} else {
				rw, ro, other := annRW, annRO, bobRW
				if c.ownToken {
					rw, _ = e.token(ann, stride.ScopeReadWrite)
					ro, _ = e.token(ann, stride.ScopeRead)
					other, _ = e.token(bob, stride.ScopeReadWrite)
				}
				actors = append(actors,
					actor{name: "other", token: other, status: c.other},
					actor{name: "read-only", token: ro, status: readOnly, owner: true, writes: c.ownToken},
					actor{name: "owner", token: rw, status: c.owner, owner: true, writes: true})
			}
			for _, a := range actors {
				before := e.dump(ann, fx.goal.ID)
				r := req{method: rt.method, path: c.path(fx), token: a.token, cookie: a.cookie,
					header: map[string]string{"Sec-Fetch-Site": "same-origin"}}
				if r.method == "" {
					r.method = "GET"
				}
				if c.body != nil {
					r.body = c.body(fx)
				}
				w := e.do(r)
				if w.Code != a.status {
					t.Errorf("%s as %s: status %d, want %d; body: %.300s", key, a.name, w.Code, a.status, w.Body)
				}
				if a.writes {
					continue
				}
				if !a.owner && (strings.Contains(w.Body.String(), secretName) || strings.Contains(w.Body.String(), "annnote")) {
					t.Errorf("%s as %s: the body shows ann's data: %.300s", key, a.name, w.Body)
				}
				if after := e.dump(ann, fx.goal.ID); after != before {
					t.Errorf("%s as %s changed ann's data:\nbefore %s\nafter  %s", key, a.name, before, after)
				}
			}
			// A cross-site form post with the owner's cookie is refused.
			if isPage && rt.method == "POST" {
				cookie := e.session(ann)
				before := e.dump(ann, fx.goal.ID)
				r := req{method: "POST", path: c.path(fx), cookie: cookie, header: map[string]string{"Sec-Fetch-Site": "cross-site"}}
				if c.body != nil {
					r.body = c.body(fx)
				}
				if w := e.do(r); w.Code != http.StatusForbidden {
					t.Errorf("%s cross-site: status %d, want 403", key, w.Code)
				}
				if after := e.dump(ann, fx.goal.ID); after != before {
					t.Errorf("%s cross-site changed ann's data", key)
				}
			}
		}
	})
}

// TestReadOnlyDryRun: a read-only token may preview an import, which
// writes nothing, but not make one; the refusal says how to import.
func TestReadOnlyDryRun(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		ro, _ := e.token(ann, stride.ScopeRead)
		fx := e.fixture(ann, 0)
		doc := authzCases["POST /api/v1/import"].body(fx)
		before := e.dump(ann, fx.goal.ID)
		for _, c := range []struct {
			query  string
			status int
			says   string
		}{
			{"?dry_run=1", 200, ""},
			{"?dry_run=true&source=csv", 200, ""},
			{"", 403, "this token is read-only, so it may preview an import (a dry run: ?dry_run=1, or stride import --dry-run) but not make one: to import, use a read-write token, made on the tokens page (http://stride.test/tokens) or with stride token create"},
			{"?dry_run=0", 403, "so it may preview an import"},
			{"?dry_run=perhaps", 400, "?dry_run=perhaps is not true or false"},
		} {
			w := e.do(req{method: "POST", path: "/api/v1/import" + c.query, token: ro, body: doc})
			if c.says != "" {
				wantError(t, w, c.status, map[int]string{400: stride.EINVALID, 403: stride.EFORBIDDEN}[c.status], c.says)
				continue
			}
			var sum stride.ImportSummary
			want(t, w, c.status, &sum)
			if !sum.DryRun || sum.Goals != 1 {
				t.Errorf("%s: the dry run's summary %+v", c.query, sum)
			}
		}
		if after := e.dump(ann, fx.goal.ID); after != before {
			t.Errorf("a read-only token's import changed ann's data:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// fixture makes a goal with a step, a skip and a spare token for ann.
func (e *testEnv) fixture(ann *stride.User, n int) authzFixture {
	e.t.Helper()
	g := e.goal(ann, secretName+strconv.Itoa(n), "10 min/day")
	s := e.step(ann, g, 5, "annnote")
	if err := e.svc.Goals.SkipDay(ctxFor(ann), g.ID, stride.NewDate(2026, 6, 1)); err != nil {
		e.t.Fatal(err)
	}
	_, spare := e.token(ann, stride.ScopeRead)
	ss := &stride.Session{UserID: ann.ID, CreatedAt: e.clock(), LastSeenAt: e.clock(), UserAgent: "spare"}
	if err := e.svc.Auth.CreateSession(context.Background(), ss, password.SessionHash(fmt.Sprint("spare", n))); err != nil {
		e.t.Fatal(err)
	}
	fx := authzFixture{n: n, goal: g, step: s, spare: spare, session: ss}
	e.reflection(ann, &fx)
	return fx
}

// reflection adds ann's reflection records to fx, each on a day or week
// of its own (a day has one focus, a week one review).
func (e *testEnv) reflection(ann *stride.User, fx *authzFixture) {
	e.t.Helper()
	ctx := ctxFor(ann)
	fx.lesson = &stride.Lesson{GoalID: &fx.goal.ID, Day: stride.NewDate(2026, 6, 2), Wanted: "annnote lesson", Themes: []string{"time"}}
	fx.doubt = &stride.Doubt{Day: stride.NewDate(2026, 6, 2), Text: "annnote doubt", Against: "the record"}
	fx.focus = &stride.Focus{Day: stride.NewDate(2026, 1, 1).AddDays(fx.n), Text: "annnote focus"}
	fx.work = &stride.Work{Name: fmt.Sprint(secretName, "work", fx.n), GoalID: &fx.goal.ID, DoneWhen: "read aloud"}
	week := stride.NewDate(2025, 1, 6).AddDays(7 * fx.n) // a Monday
	fx.review = &stride.Review{Week: week, WentWell: "annnote week", Summary: &stride.WeekSummary{From: week, To: week + 6}}
	for what, err := range map[string]error{
		"lesson": e.svc.Lessons.CreateLesson(ctx, fx.lesson),
		"doubt":  e.svc.Doubts.CreateDoubt(ctx, fx.doubt),
		"focus":  e.svc.Focus.SetFocus(ctx, fx.focus),
		"work":   e.svc.Works.CreateWork(ctx, fx.work),
		"review": e.svc.Reviews.SaveReview(ctx, fx.review),
	} {
		if err != nil {
			e.t.Fatalf("fixture %s: %v", what, err)
		}
	}
	if _, err := e.svc.Doubts.RevisitDoubt(ctx, fx.doubt.ID, stride.Revisit{Day: stride.NewDate(2026, 6, 9), Holds: false}); err != nil {
		e.t.Fatal(err)
	}
	it := &stride.Iteration{Kind: stride.IterationChange, Day: stride.NewDate(2026, 6, 3), Changed: "annnote draft"}
	if _, err := e.svc.Works.AddIteration(ctx, fx.work.ID, it); err != nil {
		e.t.Fatal(err)
	}
}

// session signs u in and returns the browser's cookie.
func (e *testEnv) session(u *stride.User) *http.Cookie {
	e.t.Helper()
	secret, hash := password.NewSessionSecret()
	ss := &stride.Session{UserID: u.ID, CreatedAt: e.clock(), LastSeenAt: e.clock()}
	if err := e.svc.Auth.CreateSession(context.Background(), ss, hash); err != nil {
		e.t.Fatal(err)
	}
	return &http.Cookie{Name: sessionCookie, Value: strconv.FormatInt(ss.ID, 10) + "." + secret}
}

// dump returns everything of u's a request could change, and the users:
// every goal, step and record, and the day by day history (skips, targets,
// momentum) of the goal the request names. Every goal's history, read
// twice per request with a goal more per route, took the matrix minutes.
func (e *testEnv) dump(u *stride.User, goalID int64) string {
	e.t.Helper()
	ctx := ctxFor(u)
	goals, err := e.svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	days, err := e.svc.Status.GoalHistory(ctx, goalID, stride.NewDate(2026, 5, 1), stride.NewDate(2026, 6, 20))
	if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND { // the owner may have deleted it
		e.t.Fatal(err)
	}
	steps, err := e.svc.Steps.FindSteps(ctx, stride.StepFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	tokens, err := e.svc.Auth.FindTokens(ctx, u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, t := range tokens {
		t.LastUsedAt = nil // reading with a token records its use
	}
	sessions, err := e.svc.Auth.FindSessions(ctx, u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	var sessionIDs []int64
	for _, s := range sessions {
		sessionIDs = append(sessionIDs, s.ID)
	}
	users, err := e.svc.Users.FindUsers(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	b, err := json.Marshal([]any{goals, days, steps, tokens, sessionIDs, users, e.dumpReflection(ctx)})
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// dumpReflection returns the reflection records of the context's user.
func (e *testEnv) dumpReflection(ctx context.Context) []any {
	e.t.Helper()
	lessons, err := e.svc.Lessons.FindLessons(ctx, stride.LessonFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	doubts, err := e.svc.Doubts.FindDoubts(ctx, stride.DoubtFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	foci, err := e.svc.Focus.FindFoci(ctx, stride.FocusFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	works, err := e.svc.Works.FindWorks(ctx, stride.WorkFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	its, err := e.svc.Works.FindIterations(ctx, stride.NewDate(2000, 1, 1), stride.NewDate(2100, 1, 1))
	if err != nil {
		e.t.Fatal(err)
	}
	reviews, err := e.svc.Reviews.FindReviews(ctx, stride.ReviewFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return []any{lessons, doubts, foci, works, its, reviews}
}
