package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/strideapp/stride"
)

// inOrder fails unless body holds each of parts, one after the other.
func inOrder(t *testing.T, what, body string, parts ...string) {
	t.Helper()
	rest := body
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			t.Errorf("%s: %q is missing or out of order (after %v): %.3000s", what, p, parts, body)
			return
		}
		rest = rest[i+len(p):]
	}
}

// TestSubGoalPages: the board nests sub-goals in lists under their
// parents' cards, a paused parent's card holding their place; the goal
// pages link both ways; the forms choose a parent; /goals nests too.
func TestSubGoalPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		c := e.session(ann)
		ctx := ctxFor(ann)
		fitness := e.goal(ann, "fitness", "150 min/week")
		pushups := e.goal(ann, "pushups", "20 pushups/day")
		health := e.goal(ann, "health", "daily")
		walk := e.goal(ann, "walk", "30 min/day")
		read := e.goal(ann, "read", "20 pages/week")
		bobs := e.goal(bob, "bobs", "daily")
		e.page(c, "GET", "/", nil, 200) // the board seen, so a cache keeps the next
		for _, p := range []struct{ child, parent *stride.Goal }{{pushups, fitness}, {walk, health}} {
			pid := &p.parent.ID
			if _, err := svc.Goals.UpdateGoal(ctx, p.child.ID, stride.GoalUpdate{ParentID: &pid}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.Goals.PauseGoal(ctx, health.ID, stride.DateOf(testStart), nil); err != nil {
			t.Fatal(err)
		}

		card := func(g *stride.Goal, level int) string { return fmt.Sprintf(`<h%d id="card-%d-name">`, level, g.ID) }
		body := e.page(c, "GET", "/", nil, 200).Body.String()
		inOrder(t, "the board", body,
			`<li class="family">`, card(fitness, 2), fmt.Sprintf(`<p class="sub-caption" id="subs-%d">Sub-goals of fitness</p>`, fitness.ID),
			fmt.Sprintf(`<ul class="cards" role="list" aria-labelledby="subs-%d">`, fitness.ID), card(pushups, 3), "</ul></div></li>",
			`<li class="family">`, `<article class="card card-off" id="card-`, card(health, 2), "paused", "Nothing is asked of it today",
			"Sub-goals of health", card(walk, 3), "</ul></div></li>",
			"<li>", card(read, 2))
		if strings.Count(body, `class="card card-off"`) != 1 || strings.Contains(body, fmt.Sprintf(`action="/goals/%d/steps"`, health.ID)) {
			t.Error("health, paused, should hold its place on the board without a form")
		}

		// A tap on a sub-goal's card brings it back with its h3; so does a
		// step to fix, with or without htmx.
		hx := map[string]string{"Sec-Fetch-Site": "same-origin", "HX-Request": "true"}
		w := e.do(req{method: "POST", path: fmt.Sprintf("/goals/%d/steps", walk.ID), cookie: c, header: hx, body: url.Values{"amount": {"5"}}})
		if w.Code != 200 || !strings.Contains(w.Body.String(), card(walk, 3)) {
			t.Errorf("htmx log on a sub-goal %d: %.600s", w.Code, w.Body)
		}
		w = e.do(req{method: "POST", path: fmt.Sprintf("/goals/%d/steps", pushups.ID), cookie: c, header: hx, body: url.Values{"amount": {"lots"}}})
		if w.Code != 422 || !strings.Contains(w.Body.String(), card(pushups, 3)) || !strings.Contains(w.Body.String(), `aria-invalid="true"`) {
			t.Errorf("htmx bad amount on a sub-goal %d: %.600s", w.Code, w.Body)
		}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", pushups.ID), url.Values{"amount": {"lots"}}, 422, card(pushups, 3), " open>")

		// The goal pages: the parent lists its sub-goals, each links back.
		e.page(c, "GET", fmt.Sprintf("/goals/%d", fitness.ID), nil, 200, `<h2 id="sub-goals">Sub-goals</h2>`,
			fmt.Sprintf(`<a href="/goals/%d">pushups</a>`, pushups.ID), "momentum 0%", fmt.Sprintf(`href="/goals/new?parent=%d"`, fitness.ID))
		e.page(c, "GET", fmt.Sprintf("/goals/%d", pushups.ID), nil, 200, fmt.Sprintf(`<dt>Part of</dt><dd><a href="/goals/%d">fitness</a></dd>`, fitness.ID))
		e.page(c, "GET", fmt.Sprintf("/goals/%d", health.ID), nil, 200, fmt.Sprintf(`<a href="/goals/%d">walk</a>`, walk.ID))

		// The new-goal form offers every goal, the parent of the link chosen.
		option := func(g *stride.Goal, label string, selected bool) string {
			sel := ""
			if selected {
				sel = " selected"
			}
			return fmt.Sprintf(`<option value="%d"%s>%s</option>`, g.ID, sel, label)
		}
		body = e.page(c, "GET", fmt.Sprintf("/goals/new?parent=%d", fitness.ID), nil, 200,
			`<label for="parent">Part of`, `<option value="">none: a goal of its own</option>`,
			option(fitness, "fitness", true), option(health, "health (paused)", false), option(read, "read", false)).Body.String()
		if strings.Contains(body, "bobs") {
			t.Error("the parent select offers another user's goal")
		}
		// The edit form leaves out the goal and its own sub-goals.
		body = e.page(c, "GET", fmt.Sprintf("/goals/%d/edit", fitness.ID), nil, 200, option(health, "health (paused)", false)).Body.String()
		if strings.Contains(body, ">fitness</option>") || strings.Contains(body, ">pushups</option>") {
			t.Errorf("fitness's edit form offers itself or its sub-goal as its parent")
		}
		e.page(c, "GET", fmt.Sprintf("/goals/%d/edit", pushups.ID), nil, 200, option(fitness, "fitness", true))

		// Create with a parent; one that is not ann's is refused beside the field.
		form := url.Values{"name": {"plank"}, "target": {"3 times/week"}, "parent": {fmt.Sprint(fitness.ID)}}
		e.page(c, "POST", "/goals/new", form, 303)
		plank, err := svc.Goals.FindGoalByName(ctx, "plank")
		if err != nil || plank.ParentID == nil || *plank.ParentID != fitness.ID {
			t.Fatalf("plank: %+v, %v; want fitness as its parent", plank, err)
		}
		form.Set("name", "squats")
		form.Set("parent", fmt.Sprint(bobs.ID))
		e.page(c, "POST", "/goals/new", form, 422, `id="parent-err"`, parentGone)
		form.Set("parent", "abc")
		e.page(c, "POST", "/goals/new", form, 422, `id="parent-err"`, "Choose the goal this one is part of from the list")

		// Edit: a new parent, none, a form without the field, and a loop.
		edit := func(g *stride.Goal, parent []string) url.Values {
			f := url.Values{"name": {g.Name}, "target": {g.Target.String()}, "start": {g.Start.String()}}
			if parent != nil {
				f["parent"] = parent
			}
			return f
		}
		parentOf := func(g *stride.Goal) *int64 {
			t.Helper()
			got, err := svc.Goals.FindGoalByID(ctx, g.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.ParentID
		}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/edit", read.ID), edit(read, []string{fmt.Sprint(fitness.ID)}), 303)
		if p := parentOf(read); p == nil || *p != fitness.ID {
			t.Errorf("read's parent after the edit: %v, want fitness", p)
		}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/edit", read.ID), edit(read, nil), 303)
		if p := parentOf(read); p == nil || *p != fitness.ID {
			t.Errorf("a form without the parent field changed it: %v", p)
		}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/edit", read.ID), edit(read, []string{""}), 303)
		if p := parentOf(read); p != nil {
			t.Errorf("read's parent after choosing none: %d", *p)
		}
		e.page(c, "POST", fmt.Sprintf("/goals/%d/edit", fitness.ID), edit(fitness, []string{fmt.Sprint(pushups.ID)}), 422,
			"Nothing is changed yet: a goal cannot be a sub-goal of itself or of its own sub-goals")

		// The board follows the edits (through a board cache too): plank
		// under fitness, read on its own again.
		body = e.page(c, "GET", "/", nil, 200).Body.String()
		inOrder(t, "the board after the edits", body, card(fitness, 2), card(plank, 3), card(pushups, 3), "</ul></div></li>", card(read, 2))

		// /goals nests the same way, done and archived goals included.
		inOrder(t, "/goals", e.page(c, "GET", "/goals", nil, 200).Body.String(),
			`<a href="/goals/`+fmt.Sprint(fitness.ID)+`">fitness</a>`, `<ul class="list" aria-label="Sub-goals of fitness">`, ">plank<", ">pushups<", "</ul>",
			">health<", `aria-label="Sub-goals of health"`, ">walk<", "</ul>", ">read<")
	})
}

// TestAPISubGoals: parent_id through the API, on goals and the board; a
// parent that is none of the user's goals is not found (404), as the
// stores say (another user's goal is not told apart), and a loop is refused.
func TestAPISubGoals(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann, bob := e.user("ann"), e.user("bob")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		bobs := e.goal(bob, "bobs", "daily")

		var fitness, pushups stride.Goal
		want(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{"name": "fitness", "target": "150 min/week"}}),
			http.StatusCreated, &fitness)
		want(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{
			"name": "pushups", "target": "20 pushups/day", "parent_id": fitness.ID}}), http.StatusCreated, &pushups)
		if pushups.ParentID == nil || *pushups.ParentID != fitness.ID {
			t.Fatalf("created %+v, want fitness as its parent", pushups)
		}
		var board []stride.GoalStatus
		want(t, e.do(req{method: "GET", path: "/api/v1/status", token: tok}), http.StatusOK, &board)
		if len(board) != 2 || board[0].ParentID != nil || board[1].ParentID == nil || *board[1].ParentID != fitness.ID {
			t.Errorf("the board's parent_id: %+v", board)
		}
		var st stride.GoalStatus
		want(t, e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/goals/%d/status", pushups.ID), token: tok}), http.StatusOK, &st)
		if st.ParentID == nil || *st.ParentID != fitness.ID {
			t.Errorf("the goal's status lacks its parent_id: %+v", st)
		}

		for _, id := range []int64{bobs.ID, 999999} {
			wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: map[string]any{
				"name": "squats", "target": "daily", "parent_id": id}}), http.StatusNotFound, stride.ENOTFOUND,
				fmt.Sprintf("no parent goal with id %d", id))
			wantError(t, e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/goals/%d", pushups.ID), token: tok, body: map[string]any{
				"parent_id": id}}), http.StatusNotFound, stride.ENOTFOUND, fmt.Sprintf("no parent goal with id %d", id))
		}
		wantError(t, e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/goals/%d", fitness.ID), token: tok, body: map[string]any{
			"parent_id": pushups.ID}}), http.StatusBadRequest, stride.EINVALID, "a goal cannot be a sub-goal of itself")
		wantError(t, e.do(req{method: "PATCH", path: "/api/v1/goals/999999", token: tok, body: map[string]any{
			"parent_id": fitness.ID}}), http.StatusNotFound, stride.ENOTFOUND, "999999")
		var got stride.Goal
		want(t, e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/goals/%d", pushups.ID), token: tok, body: `{"parent_id": null}`}),
			http.StatusOK, &got)
		if got.ParentID != nil {
			t.Errorf("parent_id null left %d", *got.ParentID)
		}
	})
}
