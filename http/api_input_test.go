package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
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

// TestStepTimeOfDay: "time" is minutes after midnight, as the API
// answers it, or "HH:MM"; anything else is refused with both forms, and
// nothing is written.
func TestStepTimeOfDay(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	tok, _ := e.token(ann, stride.ScopeReadWrite)
	walk := e.goal(ann, "walk", "30 min/day")
	post := func(clock any) *stride.StepCreated {
		t.Helper()
		var c stride.StepCreated
		want(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: map[string]any{"goal_id": walk.ID, "amount": 5, "time": clock}}), http.StatusCreated, &c)
		return &c
	}
	for _, tc := range []struct {
		in   any
		want int
	}{{450, 450}, {"07:30", 450}, {"7:05", 425}, {0, 0}, {"00:00", 0}, {" 11:59 ", 719}} {
		if c := post(tc.in); c.Step.Time == nil || *c.Step.Time != tc.want {
			t.Errorf("time %#v: step %+v, want %d", tc.in, c.Step, tc.want)
		}
	}
	if c := post(nil); c.Step.Time != nil {
		t.Errorf("time null: %d", *c.Step.Time)
	}

	accepted := `minutes after midnight, 0 to 1439 (07:30 is 450), or "HH:MM", 24-hour, such as "07:30"`
	for _, tc := range []struct {
		body, want string
	}{
		{`1500`, `"time" 1500 is out of range: a time of day must be between 00:00 and 23:59, given as ` + accepted},
		{`1440`, `"time" 1440 is out of range`},
		{`-1`, `"time" -1 is out of range`},
		{`450.5`, `"time" 450.5 is out of range`},
		{`"7.30am"`, `"time" "7.30am" is not a time of day: give ` + accepted},
		{`"24:00"`, `"time" "24:00" is not a time of day`},
		{`"450"`, `"time" "450" is not a time of day`},
		{`true`, `"time" true is not a time of day`},
	} {
		body := fmt.Sprintf(`{"goal_id":%d,"amount":5,"time":%s}`, walk.ID, tc.body)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps", token: tok, body: body}), http.StatusBadRequest, stride.EINVALID, tc.want)
		batch := fmt.Sprintf(`{"steps":[%s]}`, body)
		wantError(t, e.do(req{method: "POST", path: "/api/v1/steps/batch", token: tok, body: batch}), http.StatusBadRequest, stride.EINVALID, tc.want)
	}

	// PATCH takes the same, and null clears the time
	c := post(450)
	path := fmt.Sprintf("/api/v1/steps/%d", c.Step.ID)
	var st stride.Step
	want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"time":"08:15"}`}), http.StatusOK, &st)
	if st.Time == nil || *st.Time != 495 {
		t.Errorf("patched to 08:15: %+v", st)
	}
	wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"time":"8h15","note":"later"}`}), http.StatusBadRequest, stride.EINVALID, accepted)
	wantError(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"time":1500}`}), http.StatusBadRequest, stride.EINVALID, "between 00:00 and 23:59")
	st = stride.Step{}
	want(t, e.do(req{method: "PATCH", path: path, token: tok, body: `{"time":null}`}), http.StatusOK, &st)
	if st.Time != nil || st.Note != "" {
		t.Errorf("patched to null after refusals: %+v", st)
	}

	var steps []stride.Step
	want(t, e.do(req{method: "GET", path: "/api/v1/steps", token: tok}), http.StatusOK, &steps)
	if len(steps) != 8 {
		t.Errorf("%d steps stored, want the 8 accepted", len(steps))
	}
	if raw := e.do(req{method: "GET", path: path, token: tok}).Body.String(); strings.Contains(raw, `"time"`) {
		t.Errorf("a step with no time answers one: %s", raw)
	}
}
