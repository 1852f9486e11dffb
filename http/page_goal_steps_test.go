package http

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

// Every step of a goal stays in reach from the web: the goal's page lists
// the latest and links to its steps month by month, each month with the
// months beside it, and a month without steps says so calmly.
func TestGoalStepsPage(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	walk := e.goal(ann, "walk", "30 min/day")
	var steps []*stride.Step
	for _, d := range []stride.Date{stride.NewDate(2026, 3, 30), stride.NewDate(2026, 3, 31)} {
		steps = append(steps, &stride.Step{GoalID: walk.ID, Day: d, Amount: 10, Note: "march"})
	}
	for i := 1; i <= 14; i++ {
		steps = append(steps, &stride.Step{GoalID: walk.ID, Day: stride.NewDate(2026, 5, i), Amount: float64(i), Note: fmt.Sprintf("may %d", i)})
	}
	if err := e.svc.Steps.CreateSteps(ctxFor(ann), steps); err != nil {
		t.Fatal(err)
	}
	c := e.session(ann)
	path := fmt.Sprintf("/goals/%d", walk.ID)
	e.page(c, "GET", path, nil, 200, "the last 12 logged", `href="`+path+`/steps">All the steps of walk, month by month</a>`)

	// by default the month of the latest step, the latest first
	w := e.page(c, "GET", path+"/steps", nil, 200, "May 2026", "may 14", "may 1<",
		`href="`+path+`/steps?month=2026-04" rel="prev">← April 2026</a>`, `href="`+path+`/steps?month=2026-06" rel="next">June 2026 →</a>`)
	if body := w.Body.String(); strings.Index(body, "may 14") > strings.Index(body, "may 13") || strings.Contains(body, "march") {
		t.Errorf("May's steps, the latest first, and only May's:\n%s", body)
	}
	e.page(c, "GET", path+"/steps?month=2026-04", nil, 200, "No steps in April 2026. A gap is part of the record", "← March 2026", "May 2026 →")
	w = e.page(c, "GET", path+"/steps?month=2026-03", nil, 200, "march", `/edit?from=2026-03">Edit<span class="vh"> the step of Tue 2026-03-31`)
	if strings.Contains(w.Body.String(), `rel="prev"`) {
		t.Errorf("a month before the goal's first step links further back:\n%s", w.Body)
	}
	if w := e.page(c, "GET", path+"/steps?month=2026-06", nil, 200, "No steps in June 2026"); strings.Contains(w.Body.String(), `rel="next"`) {
		t.Errorf("this month links to the next:\n%s", w.Body)
	}
	e.page(c, "GET", path+"/steps?month=May", nil, 400, "?month=May is not a month: give one such as 2026-06")

	// an edit or a delete from a month's page goes back to that month
	body := e.page(c, "GET", path+"/steps?month=2026-05", nil, 200).Body.String()
	edit := regexp.MustCompile(`href="(/steps/\d+/edit\?from=2026-05)"`).FindStringSubmatch(body)
	del := regexp.MustCompile(`action="(/steps/\d+/delete\?from=2026-05)"`).FindStringSubmatch(body)
	if edit == nil || del == nil {
		t.Fatalf("no edit or delete going back to May:\n%s", body)
	}
	e.page(c, "GET", edit[1], nil, 200, `?from=2026-05" class="fields stack">`, `href="`+path+`/steps?month=2026-05">Cancel</a>`)
	w = e.page(c, "POST", edit[1], url.Values{"amount": {"7"}, "date": {"2026-05-14"}}, 303)
	if loc := w.Header().Get("Location"); loc != path+"/steps?month=2026-05" {
		t.Errorf("the edit went back to %q", loc)
	}
	w = e.page(c, "POST", strings.Replace(edit[1], "2026-05", "nonsense", 1), url.Values{"amount": {"7"}, "date": {"2026-05-14"}}, 303)
	if loc := w.Header().Get("Location"); loc != path {
		t.Errorf("a bad ?from= went back to %q", loc)
	}
	e.page(c, "POST", del[1], url.Values{}, 200, `action="`+del[1]+`"`, `href="`+path+`/steps?month=2026-05"`)
	w = e.page(c, "POST", del[1], url.Values{"confirm": {"yes"}}, 303)
	if loc := w.Header().Get("Location"); loc != path+"/steps?month=2026-05" {
		t.Errorf("the delete went back to %q", loc)
	}

	// a step written last for a day long past does not make its month the default
	if _, err := e.svc.Steps.CreateStep(ctxFor(ann), &stride.Step{GoalID: walk.ID, Day: stride.NewDate(2026, 3, 29), Amount: 5}); err != nil {
		t.Fatal(err)
	}
	e.page(c, "GET", path+"/steps", nil, 200, "<small class=\"muted\">May 2026</small>")
}

// Editing or deleting a step on the web says so when it moved the goal's
// start, as the command line does.
func TestStepChangeSaysStartMoved(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	walk := e.goal(ann, "walk", "30 min/day") // starts on Sat 2026-05-16
	created, err := e.svc.Steps.CreateStep(ctxFor(ann), &stride.Step{GoalID: walk.ID, Day: stride.NewDate(2026, 5, 10), Amount: 20})
	if err != nil {
		t.Fatal(err)
	}
	c := e.session(ann)
	id := created.Step.ID
	w := e.page(c, "POST", fmt.Sprintf("/steps/%d/edit", id), url.Values{"amount": {"20"}, "date": {"2026-05-12"}}, 303)
	if got := e.follow(c, w); !strings.Contains(got, "walk now starts on Tue 2026-05-12, the day of its first step (it started on Sun 2026-05-10).") {
		t.Errorf("the edit said %q", got)
	}
	w = e.page(c, "POST", fmt.Sprintf("/steps/%d/delete", id), url.Values{"confirm": {"yes"}}, 303)
	if got := e.follow(c, w); !strings.Contains(got, "walk starts on Sat 2026-05-16 again, the start it was given.") {
		t.Errorf("the delete said %q", got)
	}
}
