package http

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

// TestStepNeedsAmount: a step with no amount is one time only on a check
// goal. On a goal that counts an amount, POST /api/v1/steps, the batch and
// the web app's form refuse it saying what the goal counts, as stride log
// asks "how much?", and write nothing.
func TestStepNeedsAmount(t *testing.T) {
	forEachStore(t, func(t *testing.T, svc *stride.Services) {
		e := newTestEnv(t, svc, Config{})
		ann := e.user("ann")
		tok, _ := e.token(ann, stride.ScopeReadWrite)
		walk := e.goal(ann, "walk", "30 min/day")
		read := e.goal(ann, "read", "20 pages/week")
		stretch := e.goal(ann, "stretch", "daily")
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": walk.ID}}),
			http.StatusBadRequest, stride.EINVALID, `"amount" is needed: walk counts min, so give a number of minutes (20) or a string such as "20m" or "1h30m"`)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": read.ID, "amount": nil}}),
			http.StatusBadRequest, stride.EINVALID, `"amount" is needed: read counts pages, so give a number (3) or a string such as "3 pages"`)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": 424242}}),
			http.StatusNotFound, stride.ENOTFOUND, "")
		batch := map[string]any{"steps": []map[string]any{
			{"goal_id": stretch.ID, "date": "2026-06-01"},
			{"goal_id": walk.ID, "date": "2026-06-02"},
		}}
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps/batch", token: tok, body: batch}),
			http.StatusBadRequest, stride.EINVALID, `step 2: "amount" is needed: walk counts min`)
		steps, err := svc.Steps.FindSteps(ctxFor(ann), stride.StepFilter{})
		if err != nil || len(steps) != 0 {
			t.Fatalf("refused steps were stored: %d, %v", len(steps), err)
		}

		// the web app's form: the custom form of an amount goal's card
		c := e.session(ann)
		e.page(c, "POST", fmt.Sprintf("/goals/%d/steps", walk.ID), url.Values{"amount": {""}}, 422, "Give an amount, however small: 1 min counts.")
		if steps, _ := svc.Steps.FindSteps(ctxFor(ann), stride.StepFilter{}); len(steps) != 0 {
			t.Fatalf("the form stored a step with no amount: %+v", steps[0])
		}

		// a check goal's step is one time, alone or in a batch
		var created stride.StepCreated
		want(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": stretch.ID}}), http.StatusCreated, &created)
		if created.Step.Amount != 1 {
			t.Errorf("a check goal's step without an amount: %+v", created.Step)
		}
		batch["steps"] = []map[string]any{{"goal_id": stretch.ID, "date": "2026-06-01"}, {"goal_id": walk.ID, "amount": "20m", "date": "2026-06-02"}}
		want(t, e.do(req{method: "POST", path: "/api/v1/steps/batch", token: tok, body: batch}), http.StatusNoContent, nil)
		if steps, _ := svc.Steps.FindSteps(ctxFor(ann), stride.StepFilter{}); len(steps) != 3 {
			t.Fatalf("%d steps, want 3", len(steps))
		}
	})
}

// TestJSONSentAsForm: curl -d sends its body as a form
// (application/x-www-form-urlencoded). A body that starts like JSON is
// read as JSON whatever the Content-Type, so its mistake is the one named;
// only a body that is not JSON at all is said to be a form.
func TestJSONSentAsForm(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	walk := e.goal(ann, "walk", "30 min/day")
	asForm := func(body string) req {
		return req{method: "POST", path: "/api/v1/steps", token: tok, body: body,
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}
	}
	wantError(t, e.do(asForm(`{"goal":"walk","amount":10}`)), http.StatusBadRequest, stride.EINVALID,
		`unknown field "goal": accepted fields are "goal_id", "amount", "date", "time"`)
	wantError(t, e.do(asForm(fmt.Sprintf(`{"goal_id":%d,"amount":20,"date":"tomorrow"}`, walk.ID))), http.StatusBadRequest, stride.EINVALID,
		`date "tomorrow" is not a date: use YYYY-MM-DD`)
	wantError(t, e.do(asForm(" \n\t[1]")), http.StatusBadRequest, stride.EINVALID, "the body must be an object in JSON, not array")
	wantError(t, e.do(asForm(`{"goal_id":`)), http.StatusBadRequest, stride.EINVALID, "the body ends in the middle of a JSON value")
	wantError(t, e.do(asForm("goal_id=1&amount=10")), http.StatusBadRequest, stride.EINVALID,
		"the body is a form, but the API reads JSON: send a JSON object with Content-Type: application/json")
	wantError(t, e.do(req{method: "POST", path: "/api/v1/goals", token: tok, body: url.Values{"name": {"{x"}}}), http.StatusBadRequest, stride.EINVALID,
		"the body is a form, but the API reads JSON")
	if steps, _ := e.svc.Steps.FindSteps(ctxFor(ann), stride.StepFilter{}); len(steps) != 0 {
		t.Fatalf("refused steps were stored: %+v", steps[0])
	}

	var created stride.StepCreated
	want(t, e.do(asForm(fmt.Sprintf(` {"goal_id":%d,"amount":20}`, walk.ID))), http.StatusCreated, &created)
	if created.Step.Amount != 20 {
		t.Errorf("created %+v", created.Step)
	}
}
